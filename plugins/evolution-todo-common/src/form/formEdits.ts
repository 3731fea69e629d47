import type { JsonSchemaNode } from '../parameters/jsonSchema';

/**
 * Which keys of the template's form come from the parameter schema, and which
 * are written by hand.
 *
 * The form (templates/evolution-todo/template.yaml, `spec.parameters`) shows
 * the schema's fields under the schema's own keys. For every field it shows,
 * the schema decides the keys below; titles, descriptions, help texts, `ui:`
 * keys, `required` and the pages' layout stay hand-written.
 */
export const GENERATED_KEYS = [
  'type',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'default',
] as const;

/**
 * Form fields that are not deployment parameters: they steer other steps of
 * the template. Each is written by hand; a field on the form that is neither in
 * the schema nor here is an error (a typo, or a parameter the schema lacks).
 */
export const HAND_WRITTEN_FIELDS: Record<string, string> = {
  destination: 'chooses the publish step (local git or GitHub)',
  repoUrl: 'input of publish:github',
  deployNow: 'turns the deploy step on',
  deployCluster: 'input of the deploy step',
  deployCreateNamespace: 'input of the deploy step',
  deployWaitForRollout: 'input of the deploy step',
  deployDryRun: 'input of the deploy step',
  kubernetesToken: 'the user’s own token for the deploy step, never stored',
};

/** Keys of schema fields the form writes by hand on purpose, by dotted field path. */
export const HAND_WRITTEN_KEYS: Record<
  string,
  { keys: string[]; why: string }
> = {
  owner: {
    keys: ['default'],
    why: 'people pick their own team in the OwnerPicker; the schema’s default suits a values file',
  },
};

/**
 * Top-level parameters the form does not show. Each says why; a new parameter
 * makes the test ask whether it belongs on the form.
 */
export const NOT_ON_FORM: Record<string, string> = {
  serviceAccount:
    'platform teams set ServiceAccount annotations in the chart’s values, not per stack',
};

/** A path into the template document, as the yaml package's getIn takes it. */
export type DocumentPath = Array<string | number>;

/** One key of one form node that disagrees with the schema. */
export interface FormEdit {
  /** The form node (a map) that holds the key. */
  path: DocumentPath;
  key: string;
  /** What the schema says; undefined: the key must go. */
  expected: unknown;
  /** What the form says; undefined: the key is missing. */
  actual: unknown;
}

export interface FormComparison {
  edits: FormEdit[];
  /** Disagreements no edit can fix (unknown fields, stale lists, conflicting definitions). */
  problems: string[];
}

type FormNode = Record<string, unknown>;

const isMap = (value: unknown): value is FormNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with sorted keys: equal values give equal strings, whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isMap(value)) {
    return `{${Object.keys(value)
      .sort()
      .map(key => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

const sameValue = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * A schema node as a form field can show it. `z.union([z.literal(''), x])`
 * becomes `anyOf: [{ const: '' }, x]`, which a form would show as a choice of
 * two schemas; the field shows one string instead that is empty or matches x
 * (x's pattern, alternated with `^$`; no minLength). It offers no default: a
 * form leaves an emptied field out of its values, and the schema's '' applies.
 */
function formShape(node: JsonSchemaNode): {
  node: JsonSchemaNode;
  emptyMeansUnset: boolean;
} {
  const branches = node.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const empty = branches.find(b => b.const === '');
    const other = branches.find(b => b.const !== '');
    if (empty && other && other.type === 'string') {
      const { minLength: _minLength, pattern, ...rest } = other;
      return {
        node: {
          ...rest,
          ...(typeof pattern === 'string' ? { pattern: `^$|${pattern}` } : {}),
        },
        emptyMeansUnset: true,
      };
    }
  }
  return { node, emptyMeansUnset: false };
}

/** A page and where it sits in the template. */
interface Page {
  node: FormNode;
  path: DocumentPath;
}

/** Follows `#/definitions/<name>` within the page, as the scaffolder's form resolves it. */
function resolveRef(
  page: Page,
  ref: unknown,
): { node: FormNode; path: DocumentPath } | undefined {
  const match = typeof ref === 'string' && /^#\/definitions\/(.+)$/.exec(ref);
  const definitions = page.node.definitions;
  if (!match || !isMap(definitions) || !isMap(definitions[match[1]])) {
    return undefined;
  }
  return {
    node: definitions[match[1]] as FormNode,
    path: [...page.path, 'definitions', match[1]],
  };
}

/** A field's properties as `{ name: node }`, or none. */
const propertiesOf = (node: FormNode): Record<string, unknown> =>
  isMap(node.properties) ? node.properties : {};

/**
 * The defaults a field that `$ref`s a shared definition must carry: the
 * schema's leaf defaults, for the keys the definition shows. The definition is
 * shared (frontend, backend and mcp differ only in their defaults), so its own
 * leaves carry none.
 */
function defaultsFor(
  page: Page,
  formNode: FormNode,
  schemaNode: JsonSchemaNode | undefined,
): unknown {
  if (!schemaNode) return undefined;
  const resolved = formNode.$ref ? resolveRef(page, formNode.$ref) : undefined;
  const node = resolved?.node ?? formNode;
  const { node: shape, emptyMeansUnset } = formShape(schemaNode);
  if (shape.type === 'object' && isMap(node.properties)) {
    const defaults: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node.properties)) {
      if (!isMap(child)) continue;
      const value = defaultsFor(page, child, shape.properties?.[key]);
      if (value !== undefined) defaults[key] = value;
    }
    return Object.keys(defaults).length > 0 ? defaults : undefined;
  }
  return emptyMeansUnset ? undefined : shape.default;
}

/** What the form writes by hand on purpose (the lists above, by default). */
export interface HandWritten {
  fields: Record<string, string>;
  keys: Record<string, { keys: string[]; why: string }>;
  notOnForm: Record<string, string>;
}

const HAND_WRITTEN: HandWritten = {
  fields: HAND_WRITTEN_FIELDS,
  keys: HAND_WRITTEN_KEYS,
  notOnForm: NOT_ON_FORM,
};

class Comparison {
  readonly edits = new Map<string, FormEdit>();
  readonly problems: string[] = [];

  constructor(private readonly handWritten: HandWritten) {}

  edit(edit: FormEdit) {
    const id = `${edit.path.join('/')}#${edit.key}`;
    const earlier = this.edits.get(id);
    if (earlier && !sameValue(earlier.expected, edit.expected)) {
      this.problems.push(
        `${edit.path.join('.')}: ${
          edit.key
        } is shared by fields the schema gives different values (${canonical(
          earlier.expected,
        )} and ${canonical(edit.expected)})`,
      );
      return;
    }
    this.edits.set(id, edit);
  }

  /**
   * Compares one form field with its schema node. `field` is the dotted
   * parameter path, `shared` is true inside a definition several fields use.
   */
  field(
    page: Page,
    node: FormNode,
    path: DocumentPath,
    schemaNode: JsonSchemaNode,
    field: string,
    shared: boolean,
  ) {
    if (node.$ref !== undefined) {
      const definition = resolveRef(page, node.$ref);
      if (!definition) {
        this.problems.push(`${field}: cannot resolve ${String(node.$ref)}`);
        return;
      }
      if (!this.handWritten.keys[field]?.keys.includes('default')) {
        // Key by key, so a changed default is one edit, not a rewritten block.
        this.compareTree(
          path,
          'default',
          node.default,
          shared ? undefined : defaultsFor(page, node, schemaNode),
        );
      }
      this.field(
        page,
        definition.node,
        definition.path,
        schemaNode,
        field,
        true,
      );
      return;
    }
    const { node: shape, emptyMeansUnset } = formShape(schemaNode);
    for (const key of GENERATED_KEYS) {
      this.compare(path, node, key, field, () => {
        if (key !== 'default') return shape[key];
        // Objects get their defaults from their leaves (the schema's `{}` prefaults).
        if (shared || emptyMeansUnset || shape.type === 'object') {
          return undefined;
        }
        return shape.default;
      });
    }
    if (shape.type === 'object') {
      for (const [key, child] of Object.entries(propertiesOf(node))) {
        const childSchema = shape.properties?.[key];
        if (!isMap(child)) continue;
        if (!childSchema) {
          this.problems.push(
            `${field}.${key} is on the form but not in the parameter schema`,
          );
          continue;
        }
        this.field(
          page,
          child,
          [...path, 'properties', key],
          childSchema,
          `${field}.${key}`,
          shared,
        );
      }
    }
    if (shape.type === 'array' && isMap(node.items) && shape.items) {
      this.field(
        page,
        node.items,
        [...path, 'items'],
        shape.items,
        `${field}[]`,
        shared,
      );
    }
  }

  private compareTree(
    path: DocumentPath,
    key: string,
    actual: unknown,
    expected: unknown,
  ) {
    if (isMap(actual) && isMap(expected)) {
      const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
      for (const child of keys) {
        this.compareTree([...path, key], child, actual[child], expected[child]);
      }
    } else if (!sameValue(expected, actual)) {
      this.edit({ path, key, expected, actual });
    }
  }

  private compare(
    path: DocumentPath,
    node: FormNode,
    key: string,
    field: string,
    expectedValue: () => unknown,
  ) {
    if (this.handWritten.keys[field]?.keys.includes(key)) return;
    const expected = expectedValue();
    const actual = node[key];
    if (!sameValue(expected, actual)) {
      this.edit({ path, key, expected, actual });
    }
  }
}

/**
 * The fields of a page: its properties, and those its `dependencies` branches
 * (oneOf/anyOf/allOf, with if/then/else) add when another field has a value.
 */
function pageFields(
  page: Page,
): Array<{ name: string; node: FormNode; path: DocumentPath }> {
  const fields: Array<{ name: string; node: FormNode; path: DocumentPath }> =
    [];
  const collect = (node: unknown, path: DocumentPath) => {
    if (!isMap(node)) return;
    for (const [name, child] of Object.entries(propertiesOf(node))) {
      if (isMap(child)) {
        fields.push({ name, node: child, path: [...path, 'properties', name] });
      }
    }
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      const branches = node[key];
      if (Array.isArray(branches)) {
        branches.forEach((branch, i) => collect(branch, [...path, key, i]));
      }
    }
    for (const key of ['then', 'else'] as const) {
      collect(node[key], [...path, key]);
    }
    if (isMap(node.dependencies)) {
      for (const [name, dependency] of Object.entries(node.dependencies)) {
        collect(dependency, [...path, 'dependencies', name]);
      }
    }
  };
  collect(page.node, page.path);
  return fields;
}

/**
 * Compares the form of a template (its `spec.parameters`, parsed) with the
 * parameter schema: an edit for every generated key that differs, a problem
 * for every field that is neither a parameter nor hand-written on purpose.
 */
export function compareFormWithSchema(
  parameters: unknown,
  schema: JsonSchemaNode,
  handWritten: HandWritten = HAND_WRITTEN,
): FormComparison {
  const comparison = new Comparison(handWritten);
  const pages = Array.isArray(parameters) ? parameters : [parameters];
  const seen = new Set<string>();
  pages.forEach((pageNode, index) => {
    if (!isMap(pageNode)) return;
    const page: Page = {
      node: pageNode,
      path: [
        'spec',
        'parameters',
        ...(Array.isArray(parameters) ? [index] : []),
      ],
    };
    for (const { name, node, path } of pageFields(page)) {
      seen.add(name);
      const schemaNode = schema.properties?.[name];
      if (handWritten.fields[name] !== undefined) {
        if (schemaNode) {
          comparison.problems.push(
            `${name} is a parameter now: remove it from HAND_WRITTEN_FIELDS`,
          );
        }
        continue;
      }
      if (!schemaNode) {
        comparison.problems.push(
          `${name} is on the form but neither in the parameter schema nor in HAND_WRITTEN_FIELDS`,
        );
        continue;
      }
      comparison.field(page, node, path, schemaNode, name, false);
    }
  });
  for (const name of Object.keys(handWritten.fields)) {
    if (!seen.has(name)) {
      comparison.problems.push(
        `${name} is in HAND_WRITTEN_FIELDS but not on the form`,
      );
    }
  }
  for (const name of Object.keys(schema.properties ?? {})) {
    const onForm = seen.has(name);
    if (!onForm && handWritten.notOnForm[name] === undefined) {
      comparison.problems.push(
        `parameter ${name} is not on the form: add it there or to NOT_ON_FORM`,
      );
    }
    if (onForm && handWritten.notOnForm[name] !== undefined) {
      comparison.problems.push(
        `${name} is on the form: remove it from NOT_ON_FORM`,
      );
    }
  }
  return {
    edits: [...comparison.edits.values()],
    problems: comparison.problems,
  };
}
