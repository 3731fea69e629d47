import {
  safeParseDeploymentParameters,
  type ParameterIssue,
  type ParsedDeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import YAML from 'yaml';
import type { RenderedFile } from '../render/files';
import { stringifyYaml } from '../render/yaml';

/** Where a generated repository records what made it, relative to its root. */
export const RECORD_PATH = '.evolution-todo/parameters.yaml';

/**
 * A template version as template.yaml's evolution-todo.dev/template-version
 * carries it: semver, as it also names the branch an upgrade creates.
 */
export const TEMPLATE_VERSION_PATTERN = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;

/** What made a repository: the template version and the parameters resolved against it. */
export interface TemplateRecord {
  templateVersion: string;
  parameters: ParsedDeploymentParameters;
}

const HEADER = `# What made this repository: the evolution-todo template version and the parameters it
# rendered with, defaults included. An upgrade (scripts/evolution-todo upgrade, or the portal's
# "Upgrade an evolution-todo repository") re-renders with these on the branch
# evolution-todo/template and merges that here; change a parameter here (or in the upgrade's
# form) and the next upgrade applies it. Never put secrets here: the chart takes them from
# Kubernetes Secrets.
`;

/** The record file's content: a comment for the reader, then the version and the parameters. */
export function formatRecord(record: TemplateRecord): RenderedFile {
  return {
    path: RECORD_PATH,
    content: `${HEADER}${stringifyYaml({
      templateVersion: record.templateVersion,
      parameters: record.parameters,
    })}`,
  };
}

/**
 * The recorded parameters as YAML text, as the upgrade shows them (its form,
 * task log and dry run): the changes the form submits have the same shape.
 */
export function formatRecordedParameters(record: TemplateRecord): string {
  return stringifyYaml(record.parameters);
}

export type RecordResult =
  | { ok: true; record: TemplateRecord }
  | { ok: false; issues: ParameterIssue[] };

/** Checks a template version; undefined when it is one. */
export function templateVersionIssue(
  field: string,
  version: unknown,
): ParameterIssue | undefined {
  return typeof version === 'string' && TEMPLATE_VERSION_PATTERN.test(version)
    ? undefined
    : {
        field,
        message: `must be a version like 1.2.0 (got ${JSON.stringify(
          version,
        )})`,
      };
}

/**
 * Reads a record, checking its parameters with the one parameter schema, so
 * a hand edit that breaks them is reported by field before anything renders.
 */
export function parseRecord(text: string): RecordResult {
  let document: unknown;
  try {
    document = YAML.parse(text);
  } catch (error: any) {
    return {
      ok: false,
      issues: [
        { field: RECORD_PATH, message: `is not valid YAML: ${error.message}` },
      ],
    };
  }
  if (
    typeof document !== 'object' ||
    document === null ||
    Array.isArray(document)
  ) {
    return {
      ok: false,
      issues: [
        {
          field: RECORD_PATH,
          message: 'must be a mapping with templateVersion and parameters',
        },
      ],
    };
  }
  const { templateVersion, parameters } = document as Record<string, unknown>;
  const versionIssue = templateVersionIssue('templateVersion', templateVersion);
  const parsed = safeParseDeploymentParameters(parameters);
  const issues = [
    ...(versionIssue ? [versionIssue] : []),
    ...(parsed.success
      ? []
      : parsed.issues.map(issue => ({
          ...issue,
          field: `parameters.${issue.field}`,
        }))),
  ];
  if (!parsed.success || versionIssue) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    record: {
      templateVersion: templateVersion as string,
      parameters: parsed.parameters,
    },
  };
}
