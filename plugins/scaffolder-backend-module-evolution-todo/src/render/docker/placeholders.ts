/**
 * The Dockerfile templates in docker/ mark what varies per deployment as
 * `@@NAME@@`. That syntax cannot collide with Dockerfile or shell variables
 * (`$VAR`, `${VAR}`), Go templates (`{{ }}`) or the scaffolder's `${{ }}`.
 */
const PLACEHOLDER = /@@([A-Z][A-Z0-9_]*)@@/g;
const SAFE_VALUE = /^[A-Za-z0-9._:/@-]+$/;

/**
 * Replaces every placeholder of `template` from `values`. An unknown or
 * malformed placeholder, or a value that could break out of its Dockerfile
 * token, is an error naming the template it came from.
 */
export function fillPlaceholders(
  template: string,
  values: Readonly<Record<string, string>>,
  source: string,
): string {
  for (const [name, value] of Object.entries(values)) {
    if (!SAFE_VALUE.test(value)) {
      throw new Error(
        `${source}: value of @@${name}@@ must be a single token of letters, digits and ._:/@- (got ${JSON.stringify(
          value,
        )})`,
      );
    }
  }
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      throw new Error(
        `${source}: unknown placeholder @@${name}@@ (known: ${Object.keys(
          values,
        )
          .map(known => `@@${known}@@`)
          .join(', ')})`,
      );
    }
    return values[name];
  });
  const line = filled.split('\n').findIndex(text => text.includes('@@'));
  if (line >= 0) {
    throw new Error(
      `${source}:${
        line + 1
      }: malformed placeholder; placeholders are @@UPPER_CASE@@`,
    );
  }
  return filled;
}

/** The placeholder names a template uses, sorted. */
export function placeholdersOf(template: string): string[] {
  return [
    ...new Set([...template.matchAll(PLACEHOLDER)].map(m => m[1])),
  ].sort();
}
