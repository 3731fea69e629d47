import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { deploymentParametersJsonSchema } from '../parameters/jsonSchema';
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
      // An emptied text field is left out of the form's values: no default '', the other branch's rules.
      'spec.parameters.0.properties.storageClass.pattern: form undefined, schema "^[a-z]+$"',
      'spec.parameters.0.properties.storageClass.minLength: form undefined, schema 1',
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
