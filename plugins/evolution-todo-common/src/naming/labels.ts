import type { Color, LabelledComponent } from './components';

/** The chart's name; also app.kubernetes.io/name on every object. */
export const CHART_NAME = 'evolution-todo';

/**
 * Label and annotation keys. The chart's _helpers.tpl uses the same keys;
 * a test renders the chart and compares.
 */
export const LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  version: 'app.kubernetes.io/version',
  managedBy: 'app.kubernetes.io/managed-by',
  chart: 'helm.sh/chart',
  /** How the Backstage Kubernetes backend finds every object of a system. */
  kubernetesId: 'backstage.io/kubernetes-id',
  /** Blue-green: which colour a Deployment or pod belongs to. */
  color: 'evolution-todo.dev/color',
} as const;

/** Annotations on catalog entities that point the Kubernetes plugin at the objects. */
export const ENTITY_ANNOTATIONS = {
  kubernetesId: 'backstage.io/kubernetes-id',
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  /**
   * On the golden path's Template (the version it renders now) and on every
   * System it made (the version it was made or last upgraded with).
   */
  templateVersion: 'evolution-todo.dev/template-version',
} as const;

export interface LabelContext {
  /** The release name: `name` from the parameters. */
  release: string;
  /** The chart's appVersion, i.e. the image tag. */
  version: string;
  /** The chart version, for helm.sh/chart. */
  chartVersion: string;
}

/**
 * Labels that never change for the life of a workload, so they may be used in
 * selectors (Deployment selectors are immutable).
 */
export function selectorLabels(
  release: string,
  component: LabelledComponent,
  color?: Color,
): Record<string, string> {
  return {
    [LABELS.name]: CHART_NAME,
    [LABELS.instance]: release,
    [LABELS.component]: component,
    ...(color ? { [LABELS.color]: color } : {}),
  };
}

/**
 * Every label an object of a component carries: the selector labels plus the
 * recommended app.kubernetes.io set and the Backstage kubernetes-id.
 * Objects that belong to no single component (a NetworkPolicy default-deny, say)
 * pass no component.
 */
export function commonLabels(
  ctx: LabelContext,
  component?: LabelledComponent,
  color?: Color,
): Record<string, string> {
  return {
    [LABELS.name]: CHART_NAME,
    [LABELS.instance]: ctx.release,
    ...(component ? { [LABELS.component]: component } : {}),
    ...(color ? { [LABELS.color]: color } : {}),
    [LABELS.partOf]: ctx.release,
    [LABELS.version]: ctx.version,
    [LABELS.managedBy]: 'Helm',
    [LABELS.chart]: `${CHART_NAME}-${ctx.chartVersion}`,
    [LABELS.kubernetesId]: ctx.release,
  };
}

/**
 * The label selector a catalog Component uses to see only its own objects
 * (all objects of the system share one kubernetes-id).
 */
export function componentLabelSelector(
  release: string,
  component: LabelledComponent,
): string {
  return `${LABELS.instance}=${release},${LABELS.component}=${component}`;
}
