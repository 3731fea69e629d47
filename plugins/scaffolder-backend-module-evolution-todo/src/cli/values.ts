import {
  safeParseDeploymentParameters,
  type ParameterIssue,
} from '@evolution-todo/plugin-evolution-todo-common';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs/promises';
import YAML from 'yaml';

export type ValuesResult =
  | { ok: true; parameters: JsonObject }
  | { ok: false; problems: string[] };

/** Largest values file accepted: parameters are a few hundred bytes, anything near this is a mistake. */
const MAX_BYTES = 256 * 1024;

const issueLines = (issues: ParameterIssue[]) =>
  issues.map(i => `${i.field}: ${i.message}`);

/**
 * Reads a values file (the template's parameters as YAML) and checks it with
 * the same schema the actions use, so bad input stops before anything is
 * written and every problem is named by field and rule.
 */
export async function readValuesFile(file: string): Promise<ValuesResult> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) {
      return { ok: false, problems: [`${file} is not a file`] };
    }
    if (stat.size > MAX_BYTES) {
      return {
        ok: false,
        problems: [`${file} is larger than ${MAX_BYTES} bytes`],
      };
    }
    text = await fs.readFile(file, 'utf8');
  } catch (error: any) {
    return {
      ok: false,
      problems: [`cannot read ${file}: ${error.code ?? error.message}`],
    };
  }
  const document = YAML.parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    const error = document.errors[0];
    const line = error.linePos?.[0]?.line;
    return {
      ok: false,
      problems: [
        `invalid YAML${line ? ` at line ${line}` : ''}: ${
          error.message.split('\n')[0]
        }`,
      ],
    };
  }
  const parameters = document.toJS();
  if (
    typeof parameters !== 'object' ||
    parameters === null ||
    Array.isArray(parameters)
  ) {
    return {
      ok: false,
      problems: ['(root): must be a mapping of parameters, e.g. "name: todo"'],
    };
  }
  const parsed = safeParseDeploymentParameters(parameters);
  if (!parsed.success) {
    return { ok: false, problems: issueLines(parsed.issues) };
  }
  return { ok: true, parameters: parameters as JsonObject };
}
