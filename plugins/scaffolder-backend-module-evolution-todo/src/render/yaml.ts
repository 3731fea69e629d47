import YAML from 'yaml';

/** Serializes objects as one YAML stream. Long strings are not folded, so diffs stay readable. */
export function toYamlStream(objects: unknown[]): string {
  return objects
    .map(object => YAML.stringify(object, { lineWidth: 0 }))
    .join('---\n');
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
