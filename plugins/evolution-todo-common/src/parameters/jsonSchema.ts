import { z } from 'zod';
import { deploymentParametersSchema } from './schema';

/** A JSON Schema node, as zod writes it. */
export interface JsonSchemaNode {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  [key: string]: unknown;
}

/**
 * The parameter schema as JSON Schema (draft-07, what the scaffolder's form
 * validates with), read from the zod schema so the form cannot drift from it.
 * Input side: a field with a default is optional, as it is on the form.
 * Refinements (single-line text, "latest" refused, request ≤ limit) have no
 * JSON Schema form; the zod schema applies them when the task runs.
 */
export function deploymentParametersJsonSchema(): JsonSchemaNode {
  return z.toJSONSchema(deploymentParametersSchema, {
    target: 'draft-7',
    io: 'input',
  }) as JsonSchemaNode;
}
