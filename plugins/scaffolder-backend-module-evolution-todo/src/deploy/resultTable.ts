/** One line of the deploy result: what happened to one object. */
export interface AppliedObjectRow {
  kind: string;
  /** Empty for cluster-scoped objects such as the Namespace itself. */
  namespace: string;
  name: string;
  result: 'created' | 'configured' | 'unchanged' | 'failed';
  message: string;
}

const COLUMNS = ['kind', 'namespace', 'name', 'result', 'message'] as const;

/**
 * The rows as a plain-text table with aligned columns, the way kubectl prints
 * them, for the task log. A log line is the only place a user sees it while
 * the task runs; the output carries the same rows as data.
 */
export function formatResultTable(rows: readonly AppliedObjectRow[]): string {
  const cells = [
    COLUMNS.map(column => column.toUpperCase()),
    ...rows.map(row => COLUMNS.map(column => oneLine(row[column]))),
  ];
  const widths = COLUMNS.map((_, index) =>
    Math.max(...cells.map(line => line[index].length)),
  );
  return cells
    .map(line =>
      line
        .map((cell, index) =>
          index === line.length - 1 ? cell : cell.padEnd(widths[index]),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A count per result, e.g. "3 created, 1 unchanged, 1 failed". */
export function summarizeResults(rows: readonly AppliedObjectRow[]): string {
  const counts = new Map<string, number>();
  for (const row of rows)
    counts.set(row.result, (counts.get(row.result) ?? 0) + 1);
  return (['created', 'configured', 'unchanged', 'failed'] as const)
    .filter(result => counts.has(result))
    .map(result => `${counts.get(result)} ${result}`)
    .join(', ');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
