import YAML from 'yaml';

/**
 * How we write YAML that Kubernetes tools read. kubectl and Helm parse with
 * go-yaml (sigs.k8s.io/yaml), which follows YAML 1.1: there an unquoted
 * `no`, `yes`, `on`, `off`, `y` or `0755` is a boolean or a number, not the
 * string it is in YAML 1.2 (this library's default). Writing with the 1.1
 * schema quotes exactly those strings; the output reads the same under 1.2.
 * Long strings are not folded, so diffs stay readable.
 */
export const KUBERNETES_YAML_OPTIONS = {
  version: '1.1',
  lineWidth: 0,
} as const;

/** One value as YAML that go-yaml and YAML 1.2 parsers read alike. */
export function toYaml(value: unknown): string {
  return YAML.stringify(value, KUBERNETES_YAML_OPTIONS);
}

/** Serializes objects as one YAML stream (see KUBERNETES_YAML_OPTIONS). */
export function toYamlStream(objects: unknown[]): string {
  return objects.map(object => toYaml(object)).join('---\n');
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
