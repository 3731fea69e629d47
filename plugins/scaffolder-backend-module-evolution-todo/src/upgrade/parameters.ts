import {
  safeParseDeploymentParameters,
  type ParameterIssue,
  type ParsedDeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Applies changes to recorded parameters: mappings merge key by key, anything
 * else (a number, a string, a list) replaces what was recorded. So
 * `backend: { replicas: 4 }` changes one number and keeps the rest.
 */
export function mergeParameters(
  recorded: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...recorded };
  for (const [key, value] of Object.entries(changes)) {
    merged[key] =
      isMapping(value) && isMapping(merged[key])
        ? mergeParameters(merged[key] as Record<string, unknown>, value)
        : value;
  }
  return merged;
}

export type UpgradeParametersResult =
  | { ok: true; parameters: ParsedDeploymentParameters }
  | { ok: false; issues: ParameterIssue[] };

/**
 * The parameters an upgrade renders with: the record with the changes
 * applied, checked by the one parameter schema (every problem by field).
 * The name may not change: it names the release, the System and every
 * object, so a new name is a new repository, not an upgrade.
 */
export function upgradeParameters(
  recorded: ParsedDeploymentParameters,
  changes: Record<string, unknown> = {},
): UpgradeParametersResult {
  const nameIssue: ParameterIssue[] =
    'name' in changes && changes.name !== recorded.name
      ? [
          {
            field: 'name',
            message: `cannot change in an upgrade (recorded: ${recorded.name}); a new name is a new repository`,
          },
        ]
      : [];
  const parsed = safeParseDeploymentParameters(
    mergeParameters(recorded as Record<string, unknown>, changes),
  );
  const issues = [...nameIssue, ...(parsed.success ? [] : parsed.issues)];
  if (!parsed.success || issues.length > 0) {
    return { ok: false, issues };
  }
  return { ok: true, parameters: parsed.parameters };
}
