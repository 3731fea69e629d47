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

export type MappingResult =
  | { ok: true; mapping: JsonObject }
  | { ok: false; problems: string[] };

/** Reads a YAML file that must hold one mapping (size, syntax and shape checked). */
export async function readYamlMapping(file: string): Promise<MappingResult> {
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
  const mapping = document.toJS();
  if (
    typeof mapping !== 'object' ||
    mapping === null ||
    Array.isArray(mapping)
  ) {
    return {
      ok: false,
      problems: ['(root): must be a mapping of parameters, e.g. "name: todo"'],
    };
  }
  return { ok: true, mapping: mapping as JsonObject };
}

/**
 * Reads a values file (the template's parameters as YAML) and checks it with
 * the same schema the actions use, so bad input stops before anything is
 * written and every problem is named by field and rule.
 */
export async function readValuesFile(file: string): Promise<ValuesResult> {
  const read = await readYamlMapping(file);
  if (!read.ok) {
    return read;
  }
  const parsed = safeParseDeploymentParameters(read.mapping);
  if (!parsed.success) {
    return { ok: false, problems: issueLines(parsed.issues) };
  }
  return { ok: true, parameters: read.mapping };
}
