import YAML from 'yaml';

/**
 * Plain scalars that some YAML reader takes for something other than a
 * string. Helm and kubectl read YAML 1.1 (sigs.k8s.io/yaml), where `Y`, `on`,
 * `no`, `012` or `12:30` are booleans and numbers; the `yaml` package writes
 * YAML 1.2 and would leave them unquoted. The patterns are the tag resolvers
 * of both schemas, so a string is quoted whenever either version would
 * misread it.
 */
const NON_STRING_SCALARS: RegExp[] = [
  new YAML.Document(null, { version: '1.1' }).schema,
  new YAML.Document(null).schema,
].flatMap(schema =>
  schema.tags.flatMap(tag => ('test' in tag && tag.test ? [tag.test] : [])),
);

function readsAsString(value: string): boolean {
  return !NON_STRING_SCALARS.some(pattern => pattern.test(value));
}

/**
 * One YAML document that every Kubernetes tool reads back as the same value.
 * Long strings are not folded, so diffs stay readable.
 */
export function stringifyYaml(value: unknown): string {
  const doc = new YAML.Document(value);
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && !readsAsString(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** Serializes objects as one YAML stream (see stringifyYaml). */
export function toYamlStream(objects: unknown[]): string {
  return objects.map(stringifyYaml).join('---\n');
}

/** Parses a YAML stream, dropping empty documents (Helm emits them for disabled templates). */
export function parseYamlStream(text: string): any[] {
  return YAML.parseAllDocuments(text)
    .map(doc => {
      if (doc.errors.length > 0) {
        throw new Error(`invalid YAML: ${doc.errors[0].message}`);
      }
      return doc.toJS();
    })
    .filter(value => value !== null && value !== undefined);
}

/** One value as YAML that go-yaml (kubectl, Helm) and YAML 1.2 parsers read alike. */
export const toYaml = stringifyYaml;
