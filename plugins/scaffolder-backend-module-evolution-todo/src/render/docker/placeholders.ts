/**
 * The Dockerfile templates in docker/ mark what varies per deployment as
 * `@@NAME@@`. That syntax cannot collide with Dockerfile or shell variables
 * (`$VAR`, `${VAR}`), Go templates (`{{ }}`) or the scaffolder's `${{ }}`.
 */
const PLACEHOLDER = /@@([A-Z][A-Z0-9_]*)@@/g;
const SAFE_VALUE = /^(?!.*@@)[A-Za-z0-9._:/@-]+$/;
/**
 * Placeholders named `*_COMMENT` hold prose for comment lines: any text but
 * `@@` and carriage returns; each further line of it continues the comment.
 */
const isComment = (name: string) => name.endsWith('_COMMENT');
const SAFE_COMMENT = /^(?!.*@@)[^\r]*$/s;
const COMMENT_LINE = /^\s*#\s?/;

/**
 * Replaces every placeholder of `template` from `values`. An unknown or
 * malformed placeholder, or a value that could break out of its Dockerfile
 * token (or, for comment text, out of its comment), is an error naming the
 * template it came from.
 */
export function fillPlaceholders(
  template: string,
  values: Readonly<Record<string, string>>,
  source: string,
): string {
  for (const [name, value] of Object.entries(values)) {
    if (isComment(name) ? !SAFE_COMMENT.test(value) : !SAFE_VALUE.test(value)) {
      throw new Error(
        `${source}: value of @@${name}@@ must be ${
          isComment(name)
            ? 'comment text without "@@" or carriage returns'
            : 'a single token of letters, digits and ._:/@-'
        } (got ${JSON.stringify(value)})`,
      );
    }
  }
  const filled = template
    .split('\n')
    .map((line, index) =>
      line.replace(PLACEHOLDER, (_match, name: string) => {
        if (!Object.prototype.hasOwnProperty.call(values, name)) {
          throw new Error(
            `${source}: unknown placeholder @@${name}@@ (known: ${Object.keys(
              values,
            )
              .map(known => `@@${known}@@`)
              .join(', ')})`,
          );
        }
        if (!isComment(name)) return values[name];
        const prefix = COMMENT_LINE.exec(line)?.[0];
        if (prefix === undefined) {
          throw new Error(
            `${source}:${
              index + 1
            }: @@${name}@@ holds comment text and may only stand in a comment line`,
          );
        }
        return values[name].split('\n').join(`\n${prefix}`);
      }),
    )
    .join('\n');
  const line = template
    .replace(PLACEHOLDER, '')
    .split('\n')
    .findIndex(text => text.includes('@@'));
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
