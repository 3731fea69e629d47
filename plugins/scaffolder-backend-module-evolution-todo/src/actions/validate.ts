import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  formatFindingsTable,
  formatMarkdownReport,
  summaryLine,
  validateDirectory,
} from '../validate';
import { inputError, resolveTarget, workspaceRelative } from './actionInput';
import { examples } from './validate.examples';

export const VALIDATE_ACTION_ID = 'evolution-todo:validate';

/** Report files, relative to the validated folder. The template links the Markdown one. */
export const REPORT_MARKDOWN = '.evolution-todo/validation-report.md';
export const REPORT_JSON = '.evolution-todo/validation-report.json';

/** Thrown when the validation gate finds errors; the findings are in the log and the report. */
export class ValidationFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationFailedError';
  }
}

/**
 * The validation gate: every Kubernetes object in the workspace's YAML files
 * (Helm templates excepted: the chart's objects are the ones in k8s/) against
 * its Kubernetes 1.28+ schema and the policy checklist, and every Dockerfile
 * against the image checklist. Fails on errors.
 */
export function createValidateAction() {
  return createTemplateAction({
    id: VALIDATE_ACTION_ID,
    description:
      'Validates every Kubernetes object in the workspace against Kubernetes 1.28+ schemas and the evolution-todo policy checklist (security, zero-downtime rollout, labels, monitoring), and every Dockerfile against the image checklist; logs one findings table, writes a report, and fails on errors.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder inside the workspace to validate. Defaults to the workspace root.',
            ),
      },
      output: {
        findings: z =>
          z
            .array(
              z.object({
                rule: z.string(),
                severity: z.enum(['error', 'warning']),
                object: z.string(),
                file: z.string(),
                field: z.string(),
                problem: z.string(),
                message: z.string(),
              }),
            )
            .describe('Every finding, errors first'),
        summary: z =>
          z
            .object({
              errors: z.number(),
              warnings: z.number(),
              objects: z.number(),
              dockerfiles: z.number(),
            })
            .describe(
              'Counts of errors, warnings, validated Kubernetes objects and Dockerfiles',
            ),
        reportPath: z =>
          z.string().describe('The Markdown report, relative to the workspace'),
      },
    },
    async handler(ctx) {
      const target = resolveTarget(ctx.workspacePath, ctx.input.targetPath);
      if ('issue' in target) {
        throw inputError(VALIDATE_ACTION_ID, [target.issue]);
      }
      const result = await validateDirectory(target.dir);

      for (const line of formatFindingsTable(result)) {
        ctx.logger.info(line);
      }
      const markdown = path.join(target.dir, REPORT_MARKDOWN);
      await fs.mkdir(path.dirname(markdown), { recursive: true });
      await fs.writeFile(markdown, formatMarkdownReport(result));
      await fs.writeFile(
        path.join(target.dir, REPORT_JSON),
        `${JSON.stringify(
          { summary: result.summary, findings: result.findings },
          null,
          2,
        )}\n`,
      );
      const reportPath = workspaceRelative(ctx.workspacePath, markdown);

      ctx.output('findings', result.findings);
      ctx.output('summary', result.summary);
      ctx.output('reportPath', reportPath);

      if (result.summary.errors > 0) {
        throw new ValidationFailedError(
          `Validation failed: ${summaryLine(
            result,
          )}. See the table above or ${reportPath}.`,
        );
      }
      ctx.logger.info(
        `Validation passed: ${summaryLine(result)}. Report: ${reportPath}`,
      );
    },
  });
}
