import type { IEnvVar, IPodSpec } from 'kubernetes-models/v1';
import type { PodSettings } from '../conventions/podSettings';

/**
 * The pod settings a platform team sets per component (scheduling, pod
 * metadata, extra environment) and for the whole release (image pull
 * secrets). Empty settings render nothing, so a default install's objects are
 * as lean as before. Twin of the chart's templates/deployments/_platform.tpl;
 * the settings' names are shared conventions (../conventions/podSettings.ts).
 */

const isEmpty = (value: object | string) =>
  typeof value === 'string' ? value === '' : Object.keys(value).length === 0;

/** Only the keys that are set, as Helm's `with` renders them. */
function setOnly<T extends Record<string, object | string>>(
  fields: T,
): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => !isEmpty(value)),
  ) as Partial<T>;
}

/** Where a component's pods may run and how they rank for preemption. */
export function podPlacement(
  settings: PodSettings,
): Pick<
  IPodSpec,
  'priorityClassName' | 'nodeSelector' | 'tolerations' | 'affinity'
> {
  return setOnly({
    priorityClassName: settings.priorityClassName,
    nodeSelector: settings.nodeSelector,
    tolerations: settings.tolerations,
    affinity: settings.affinity,
  }) as ReturnType<typeof podPlacement>;
}

/** The pod template's labels: the team's first, the chart's over them (the schema refuses clashes). */
export function podLabels(
  settings: PodSettings,
  chartLabels: Record<string, string>,
): Record<string, string> {
  return { ...settings.podLabels, ...chartLabels };
}

/** The pod template's annotations, or undefined when there are none. */
export function podAnnotations(
  settings: PodSettings,
  chartAnnotations: Record<string, string> = {},
): Record<string, string> | undefined {
  const all = { ...settings.podAnnotations, ...chartAnnotations };
  return isEmpty(all) ? undefined : all;
}

/** A container's env: the chart's own variables, then the team's extraEnv. */
export function containerEnv(
  settings: PodSettings,
  chartEnv: IEnvVar[] = [],
): IEnvVar[] | undefined {
  const all = [...chartEnv, ...(settings.extraEnv as IEnvVar[])];
  return all.length === 0 ? undefined : all;
}
