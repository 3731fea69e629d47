import type { JsonObject } from '@backstage/types';
import fs from 'node:fs/promises';
import YAML from 'yaml';
import { VALIDATE_ACTION_ID } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';

/** A step of template.yaml, its input still holding the `${{ }}` expressions. */
export interface TemplateStep {
  id: string;
  name: string;
  action: string;
  input: JsonObject;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The steps the CLI runs, read from the template itself so the two cannot
 * drift: in the template's order, up to and including the validate step.
 * What follows it (publish, register, deploy) needs the portal; steps with an
 * `if` are choices of the form (destination, deploy now) and are left out.
 */
export function cliSteps(
  template: unknown,
  source = 'the template',
): TemplateStep[] {
  const steps =
    isObject(template) && isObject(template.spec)
      ? template.spec.steps
      : undefined;
  if (!Array.isArray(steps)) {
    throw new Error(`${source} has no spec.steps list`);
  }
  const selected: TemplateStep[] = [];
  for (const [index, step] of steps.entries()) {
    if (
      !isObject(step) ||
      typeof step.id !== 'string' ||
      typeof step.action !== 'string'
    ) {
      throw new Error(
        `${source}: spec.steps[${index}] needs a string id and action`,
      );
    }
    if ('each' in step) {
      throw new Error(
        `${source}: step ${step.id} uses "each", which the CLI does not run`,
      );
    }
    if (step.input !== undefined && !isObject(step.input)) {
      throw new Error(
        `${source}: the input of step ${step.id} must be a mapping`,
      );
    }
    if (!('if' in step)) {
      selected.push({
        id: step.id,
        name: typeof step.name === 'string' ? step.name : step.id,
        action: step.action,
        input: (step.input ?? {}) as JsonObject,
      });
    }
    if (step.action === VALIDATE_ACTION_ID) {
      return selected;
    }
  }
  throw new Error(`${source} has no ${VALIDATE_ACTION_ID} step`);
}

/** Reads template.yaml (anchors and aliases resolved) and returns the steps the CLI runs. */
export async function readTemplateSteps(file: string): Promise<TemplateStep[]> {
  const template = YAML.parse(await fs.readFile(file, 'utf8'));
  return cliSteps(template, file);
}
