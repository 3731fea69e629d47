import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { deploymentParametersJsonSchema } from '../parameters/jsonSchema';
import { deploymentParametersSchema } from '../parameters/schema';
import {
  compareFormWithSchema,
  HAND_WRITTEN_FIELDS,
  NOT_ON_FORM,
  type FormEdit,
} from './formEdits';
import { syncTemplateForm } from './templateForm';

const TEMPLATE = path.resolve(
  __dirname,
  '../../../../templates/evolution-todo/template.yaml',
);
const template = fs.readFileSync(TEMPLATE, 'utf8');
const EXAMPLES = path.resolve(__dirname, '../../../../examples/values');

const describeEdit = (edit: FormEdit) =>
  `${edit.path.join('.')}.${edit.key}: form ${JSON.stringify(
    edit.actual,
  )}, schema ${JSON.stringify(edit.expected)}`;

/** The template with one line replaced; the line must be there exactly once. */
function editTemplate(line: string, replacement: string): string {
  expect(template.split(line)).toHaveLength(2);
  return template.split(line).join(replacement);
}

describe('templates/evolution-todo/template.yaml and the parameter schema', () => {
  it('agree on every type, pattern, limit, enum and default (fix: yarn generate:form)', () => {
    const { edits, problems, text } = syncTemplateForm(template);
    expect(problems).toEqual([]);
    expect(edits.map(describeEdit)).toEqual([]);
    expect(text).toBe(template);
  });

  it.each([
    [
      'the description default',
      "default: 'The evolution-todo stack: Next.js frontend, FastAPI backend, MCP server, PostgreSQL and Redis'",
      'default: The evolution-todo stack on Kubernetes',
      'spec.parameters.0.properties.description.default',
    ],
    [
      'a nested default of a shared definition',
      '              maxReplicas: 5\n',
      '              maxReplicas: 6\n',
      'spec.parameters.2.properties.mcp.default.autoscaling.maxReplicas',
    ],
    [
      'a default inside a flow map',
      'limits: { cpu: 500m, memory: 512Mi }',
      'limits: { cpu: 500m, memory: 1Gi }',
      'spec.parameters.2.properties.backend.default.resources.limits.memory',
    ],
    [
      'a pattern',
      "default: 10Gi\n              pattern: '^\\d+(\\.\\d+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$'",
      "default: 10Gi\n              pattern: '^\\d+(\\.\\d+)?(Ki|Mi|Gi|Ti)$'",
      'spec.parameters.3.properties.postgres.properties.storage.pattern',
    ],
    [
      'an enum',
      "enum: ['15', '16', '17', '18']",
      "enum: ['16', '17', '18']",
      'spec.parameters.3.properties.postgres.properties.version.enum',
    ],
  ])(
    'finds %s changed by hand, and generate:form restores it leaving every other byte',
    (_, line, replacement, key) => {
      const changed = editTemplate(line, replacement);
      const { edits, problems, text } = syncTemplateForm(changed);
      expect(problems).toEqual([]);
      expect(edits.map(e => `${e.path.join('.')}.${e.key}`)).toEqual([key]);
      expect(text).toBe(template);
    },
  );

  it('adds a limit the form lacks beside the other generated keys, comments kept', () => {
    const changed = editTemplate(
      "          pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$'\n          minLength: 1\n          maxLength: 40\n",
      "          # the release name\n          pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$'\n",
    );
    const { edits, text } = syncTemplateForm(changed);
    expect(edits.map(describeEdit)).toEqual([
      'spec.parameters.0.properties.name.minLength: form undefined, schema 1',
      'spec.parameters.0.properties.name.maxLength: form undefined, schema 40',
    ]);
    expect(text).toBe(
      editTemplate(
        "          pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$'\n          minLength: 1\n          maxLength: 40\n",
        "          # the release name\n          pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$'\n          minLength: 1\n          maxLength: 40\n",
      ),
    );
  });

  it('removes a rule the schema does not have, and the comment above it stays', () => {
    const changed = editTemplate(
      '          maxLength: 500\n',
      '          maxLength: 500\n          # hand-written\n          minLength: 3\n',
    );
    const { edits, text } = syncTemplateForm(changed);
    expect(edits.map(describeEdit)).toEqual([
      'spec.parameters.0.properties.description.minLength: form 3, schema undefined',
    ]);
    expect(text).toBe(
      editTemplate(
        '          maxLength: 500\n',
        '          maxLength: 500\n          # hand-written\n',
      ),
    );
  });

  it('names a form field that is neither a parameter nor hand-written on purpose', () => {
    const changed = editTemplate(
      '        namespace:\n          title: Kubernetes namespace\n',
      '        namespce:\n          title: Kubernetes namespace\n',
    );
    const { problems } = syncTemplateForm(changed);
    expect(problems).toEqual([
      'namespce is on the form but neither in the parameter schema nor in HAND_WRITTEN_FIELDS',
      'parameter namespace is not on the form: add it there or to NOT_ON_FORM',
    ]);
  });

  it('lists the fields written by hand on purpose: the non-parameters and the parameters left off the form', () => {
    const parameters = YAML.parse(template).spec.parameters;
    const schema = deploymentParametersJsonSchema();
    const formFields = new Set<string>();
    const collect = (node: any) => {
      if (!node || typeof node !== 'object') return;
      Object.keys(node.properties ?? {}).forEach(name => formFields.add(name));
      for (const branches of [node.oneOf, node.anyOf, node.allOf]) {
        (branches ?? []).forEach(collect);
      }
      Object.values(node.dependencies ?? {}).forEach(collect);
    };
    parameters.forEach(collect);
    const parameterNames = Object.keys(schema.properties ?? {});
    expect([...formFields].filter(f => !parameterNames.includes(f))).toEqual(
      Object.keys(HAND_WRITTEN_FIELDS),
    );
    expect(parameterNames.filter(p => !formFields.has(p))).toEqual(
      Object.keys(NOT_ON_FORM),
    );
    expect(compareFormWithSchema(parameters, schema).problems).toEqual([]);
  });
});

describe('the form, as JSON Schema', () => {
  /** A page's fields as the form validates them; `required` and `ui:` keys are the form's own business. */
  const pageSchema = (page: any) => {
    const strip = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(strip);
      if (!node || typeof node !== 'object') return node;
      return Object.fromEntries(
        Object.entries(node)
          .filter(([key]) => !key.startsWith('ui:') && key !== 'required')
          .map(([key, value]) => [key, strip(value)]),
      );
    };
    return strip({
      type: 'object',
      properties: page.properties,
      definitions: page.definitions,
    });
  };
  const pages = YAML.parse(template).spec.parameters;
  const ajv = new Ajv({ strict: false, allErrors: true });

  it.each(fs.readdirSync(EXAMPLES).filter(f => f.endsWith('.yaml')))(
    'accepts examples/values/%s, which the parameter schema accepts',
    file => {
      const values = YAML.parse(
        fs.readFileSync(path.join(EXAMPLES, file), 'utf8'),
      );
      expect(deploymentParametersSchema.safeParse(values).success).toBe(true);
      for (const page of pages) {
        const validate = ajv.compile(pageSchema(page) as object);
        validate(values);
        expect(validate.errors ?? []).toEqual([]);
      }
    },
  );

  it('refuses what the parameter schema refuses, field by field', () => {
    const validate = (page: number, values: object) => {
      const check = ajv.compile(pageSchema(pages[page]) as object);
      check(values);
      return (check.errors ?? []).map(e => `${e.instancePath} ${e.keyword}`);
    };
    expect(validate(0, { name: 'Todo', description: 'x'.repeat(501) })).toEqual(
      ['/name pattern', '/description maxLength'],
    );
    expect(
      validate(3, { postgres: { storageClass: 'Fast_SSD', version: '14' } }),
    ).toEqual(['/postgres/version enum', '/postgres/storageClass pattern']);
    expect(
      validate(2, { backend: { autoscaling: { maxReplicas: 101 } } }),
    ).toEqual(['/backend/autoscaling/maxReplicas maximum']);
  });
});

describe('compareFormWithSchema', () => {
  const schema = {
    type: 'object',
    properties: {
      app: {
        default: {},
        type: 'object',
        properties: {
          replicas: { default: 2, type: 'integer', minimum: 1, maximum: 9 },
          hidden: { default: 'x', type: 'string' },
        },
      },
      db: {
        default: {},
        type: 'object',
        properties: {
          replicas: { default: 1, type: 'integer', minimum: 1, maximum: 3 },
        },
      },
      storageClass: {
        default: '',
        anyOf: [
          { type: 'string', const: '' },
          { type: 'string', minLength: 1, pattern: '^[a-z]+$' },
        ],
      },
    },
  };
  const none = { fields: {}, keys: {}, notOnForm: {} };
  const page = (properties: object) => [
    {
      properties,
      definitions: {
        component: {
          type: 'object',
          properties: { replicas: { title: 'Replicas', type: 'integer' } },
        },
      },
    },
  ];

  it('gives a field that $refs a shared definition the schema’s leaf defaults, for the keys the definition shows', () => {
    const { edits, problems } = compareFormWithSchema(
      page({
        app: { $ref: '#/definitions/component' },
        storageClass: { type: 'string' },
      }),
      schema,
      none,
    );
    expect(problems).toEqual([
      'parameter db is not on the form: add it there or to NOT_ON_FORM',
    ]);
    expect(edits.map(describeEdit)).toEqual([
      'spec.parameters.0.properties.app.default: form undefined, schema {"replicas":2}',
      'spec.parameters.0.definitions.component.properties.replicas.minimum: form undefined, schema 1',
      'spec.parameters.0.definitions.component.properties.replicas.maximum: form undefined, schema 9',
      // Empty or the other branch, as one string field; no default '' (an emptied field is left out).
      'spec.parameters.0.properties.storageClass.pattern: form undefined, schema "^$|^[a-z]+$"',
    ]);
  });

  it('refuses a definition shared by fields the schema gives different rules', () => {
    const { problems } = compareFormWithSchema(
      page({
        app: { $ref: '#/definitions/component' },
        db: { $ref: '#/definitions/component' },
        storageClass: { type: 'string' },
      }),
      schema,
      none,
    );
    expect(problems).toEqual([
      'spec.parameters.0.definitions.component.properties.replicas: maximum is shared by fields the schema gives different values (9 and 3)',
    ]);
  });
});
