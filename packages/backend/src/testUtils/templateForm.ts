import { resolveParameterSteps } from '@backstage/plugin-scaffolder-common/alpha';
import type { JsonObject, JsonValue } from '@backstage/types';
import { getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { TEMPLATE_FILE } from './paths';

/** The template as a YAML file holds it: what the Template Editor parses and posts to dry-run. */
export interface TemplateDocument {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [key: string]: unknown };
  spec: {
    parameters: JsonObject[];
    steps: Array<{ id: string; action: string; [key: string]: unknown }>;
    [key: string]: unknown;
  };
}

export function readTemplate(file = TEMPLATE_FILE): TemplateDocument {
  return YAML.parse(fs.readFileSync(file, 'utf8'));
}

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A page's schema as the scaffolder's Stepper gives it to react-jsonschema-form:
 * `ui:*` keys moved out (they belong to the uiSchema) and the page title removed.
 * Mirrors extractSchemaFromStep of @backstage/plugin-scaffolder-react, which is a
 * browser package.
 */
function formSchema(page: JsonObject): RJSFSchema {
  const strip = (node: unknown): void => {
    if (!isObject(node)) return;
    for (const key of Object.keys(node)) {
      if (key.startsWith('ui:')) delete node[key];
    }
    if (isObject(node.properties))
      Object.values(node.properties).forEach(strip);
    if (isObject(node.items)) strip(node.items);
    for (const key of ['anyOf', 'oneOf', 'allOf']) {
      if (Array.isArray(node[key])) node[key].forEach(strip);
    }
    if (isObject(node.dependencies))
      Object.values(node.dependencies).forEach(strip);
    strip(node.then);
    strip(node.else);
  };
  const { title: _title, ...schema } = structuredClone(page) as Record<
    string,
    any
  >;
  strip(schema);
  return schema as RJSFSchema;
}

/**
 * The values the Create page submits when a user types `answers` and accepts
 * every other default: each page's defaults filled in by react-jsonschema-form
 * (as the Stepper does when the user presses Next), then the values of hidden
 * pages dropped, as the Stepper's onCreate does.
 */
export function submittedValues(
  template: TemplateDocument,
  answers: JsonObject,
): JsonObject {
  let state: JsonObject = structuredClone(answers);
  for (const page of template.spec.parameters) {
    const schema = formSchema(page);
    const filled = getDefaultFormState(
      validator,
      schema,
      state,
      schema,
      false,
      {
        allOf: 'populateDefaults',
      },
    ) as JsonObject;
    state = { ...state, ...filled };
  }
  const { values } = resolveParameterSteps(
    state as Record<string, JsonValue>,
    template.spec.parameters.map(schema => ({
      schema,
      when: (schema as { when?: any }).when,
    })),
  );
  return values as JsonObject;
}

/**
 * The files of the template's folder as the Template Editor uploads them with a
 * dry-run ("Load Template Directory" on templates/evolution-todo).
 */
export function templateDirectoryContents(
  dir = path.dirname(TEMPLATE_FILE),
): Array<{ path: string; base64Content: string }> {
  const files: Array<{ path: string; base64Content: string }> = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), {
      withFileTypes: true,
    })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else {
        files.push({
          path: child,
          base64Content: fs
            .readFileSync(path.join(dir, child))
            .toString('base64'),
        });
      }
    }
  };
  walk('');
  return files;
}

/**
 * The shapes of `if` the templates' steps use: one value tested, or compared
 * with a string, e.g. `${{ parameters.destination === 'local' }}` or
 * `${{ steps.prepare.output.destination === 'github' }}`.
 */
const STEP_CONDITION = /^\$\{\{\s*([\w.-]+)(?:\s*===\s*'([^']*)')?\s*\}\}$/;

/** What a step's `if` reads: the form's values and earlier steps' outputs. */
export interface StepConditionContext {
  parameters?: JsonObject;
  steps?: Record<string, { output: JsonObject }>;
}

/**
 * How each of the template's steps ends for `context`: `completed` when it
 * runs, `skipped` when its `if` is false, as the scaffolder decides. Tests
 * derive the step list from the template file here rather than repeating it.
 * An `if` of another shape throws, so a new kind of condition is noticed here,
 * not misread.
 */
export function expectedStepStatuses(
  template: TemplateDocument,
  context: StepConditionContext,
): Record<string, 'completed' | 'skipped'> {
  const read = (dotted: string): unknown =>
    dotted
      .split('.')
      .reduce<unknown>(
        (value, key) =>
          isObject(value) ? (value as Record<string, unknown>)[key] : undefined,
        context,
      );
  return Object.fromEntries(
    template.spec.steps.map(step => {
      if (step.if === undefined) return [step.id, 'completed'];
      const match = STEP_CONDITION.exec(String(step.if));
      if (!match) {
        throw new Error(`step ${step.id}: cannot evaluate if: ${step.if}`);
      }
      const [, dotted, expected] = match;
      const runs =
        expected === undefined
          ? Boolean(read(dotted))
          : read(dotted) === expected;
      return [step.id, runs ? 'completed' : 'skipped'];
    }),
  );
}
