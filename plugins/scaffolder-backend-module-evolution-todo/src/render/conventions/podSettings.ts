import type { DeploymentSpec } from '@evolution-todo/plugin-evolution-todo-common';

/**
 * The pod settings a platform team sets per component, by the names the
 * parameters and the chart's values share. The chart writes them into
 * values.yaml; the manifests renderer (manifests/podSettings.ts) and the
 * chart's templates/deployments/_platform.tpl turn them into pod spec fields.
 */

/** The settings of one component, as the parameters and the chart's values name them. */
export const POD_SETTING_KEYS = [
  'nodeSelector',
  'tolerations',
  'affinity',
  'priorityClassName',
  'podAnnotations',
  'podLabels',
  'extraEnv',
] as const;

export type PodSettings = Pick<
  DeploymentSpec['backend'],
  (typeof POD_SETTING_KEYS)[number]
>;

/** A component's settings alone (a copy), for the chart's values. */
export function podSettingsOf(section: PodSettings): PodSettings {
  return structuredClone(
    Object.fromEntries(POD_SETTING_KEYS.map(key => [key, section[key]])),
  ) as PodSettings;
}
