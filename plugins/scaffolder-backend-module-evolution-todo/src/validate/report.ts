import { DOCKERFILE_CHECKLIST } from './dockerfiles';
import { POLICY_RULES } from './rules';
import type { Finding, ValidationResult } from './types';

const COLUMNS = ['SEVERITY', 'RULE', 'OBJECT', 'FIELD', 'PROBLEM'] as const;

function row(finding: Finding): string[] {
  return [
    finding.severity,
    finding.rule,
    finding.object || finding.file,
    finding.field || '-',
    finding.problem,
  ];
}

export function summaryLine({ summary, files }: ValidationResult): string {
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? '' : 's'}`;
  // Dockerfiles last, so the line starts as it always has (CI greps it).
  const dockerfiles =
    summary.dockerfiles > 0
      ? `; ${plural(summary.dockerfiles, 'Dockerfile')} checked`
      : '';
  return `${plural(summary.objects, 'object')} in ${plural(
    files.length,
    'file',
  )}: ${plural(summary.errors, 'error')}, ${plural(
    summary.warnings,
    'warning',
  )}${dockerfiles}`;
}

/** A plain-text table for logs and terminals: aligned columns, the problem last and unwrapped. */
export function formatFindingsTable(result: ValidationResult): string[] {
  if (result.findings.length === 0) {
    return [`No findings. ${summaryLine(result)}`];
  }
  const rows = [Array.from(COLUMNS) as string[], ...result.findings.map(row)];
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map(r => r[c].length)));
  const lines = rows.map(r =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c])))
      .join('  '),
  );
  return [...lines, summaryLine(result)];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report the template links: summary, findings, and the checklist that was applied. */
export function formatMarkdownReport(result: ValidationResult): string {
  const { summary } = result;
  const verdict = summary.errors === 0 ? '✅ passed' : '❌ failed';
  const findings =
    result.findings.length === 0
      ? ['No findings.']
      : [
          '| Severity | Rule | Object | File | Field | Problem |',
          '| --- | --- | --- | --- | --- | --- |',
          ...result.findings.map(
            f =>
              `| ${f.severity} | \`${f.rule}\` | ${cell(
                f.object || '-',
              )} | ${cell(f.file)} | ${
                f.field ? `\`${cell(f.field)}\`` : '-'
              } | ${cell(f.problem)} |`,
          ),
        ];
  const legend = [...POLICY_RULES, ...DOCKERFILE_CHECKLIST].map(
    rule => `| \`${rule.id}\` | ${rule.severity} | ${cell(rule.description)} |`,
  );
  return [
    '# Validation report',
    '',
    `${verdict}: ${summaryLine(result)}.`,
    '',
    'Every Kubernetes object under this folder was checked against its Kubernetes 1.28+ schema',
    '(kubernetes-models; Prometheus Operator and Gateway API models for their kinds) and the policy',
    'checklist below, every Dockerfile against the `dockerfile/` rules of the same checklist.',
    'Re-run it with `scripts/evolution-todo validate <dir>` from the golden path checkout.',
    '',
    '## Findings',
    '',
    ...findings,
    '',
    '## Checklist',
    '',
    '| Rule | Severity | Requires |',
    '| --- | --- | --- |',
    ...legend,
    '',
  ].join('\n');
}
