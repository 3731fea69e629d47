import type { JsonObject, JsonValue } from '@backstage/types';
import { createTemplateRenderer, type TemplateContext } from 'nunjitsu';

/** What a step's `${{ }}` expressions can read: the parameters and the outputs of earlier steps. */
export interface StepContext {
  parameters: JsonObject;
  steps: Record<string, { output: Record<string, JsonValue> }>;
}

/**
 * Renders step inputs as the scaffolder's workflow runner does: nunjitsu, the
 * engine of @backstage/plugin-scaffolder-backend, renders every string with
 * JSON coercion, so `${{ parameters.frontend }}` stays an object, an expression
 * that renders nothing (an absent parameter) drops its key, and a string that
 * fails to render is kept as written.
 */
export function createStepInputRenderer() {
  const renderer = createTemplateRenderer({ allowRegexExecution: true });
  return (input: JsonObject, context: StepContext): JsonObject => {
    const prepared = renderer.prepareContext(
      context as unknown as TemplateContext,
    );
    return JSON.parse(JSON.stringify(input), (_key, value) => {
      if (typeof value !== 'string') {
        return value;
      }
      try {
        return renderer.renderValue(value, prepared, { coercion: 'json' });
      } catch {
        return value;
      }
    });
  };
}
