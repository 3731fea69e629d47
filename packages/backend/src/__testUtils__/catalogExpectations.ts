import type { Entity } from '@backstage/catalog-model';
import {
  APP_COMPONENTS,
  componentLabelSelector,
  ENTITY_ANNOTATIONS,
  LABELS,
  type Component,
  type DeploymentSpec,
} from '@evolution-todo/plugin-evolution-todo-common';

export interface ExpectedEntity {
  ref: string;
  kind: 'System' | 'Component' | 'Resource';
  /** The stack component whose objects the entity shows; none for the System (all of them). */
  component?: Component;
  annotations: Record<string, string>;
}

/**
 * The catalog entities of a generated repository, with the Kubernetes
 * annotations the common naming helpers prescribe: what the Kubernetes plugin
 * needs to find the objects the chart labels.
 */
export function expectedEntities(spec: DeploymentSpec): ExpectedEntity[] {
  const base = {
    [ENTITY_ANNOTATIONS.kubernetesId]: spec.name,
    [ENTITY_ANNOTATIONS.kubernetesNamespace]: spec.namespace,
  };
  const of = (
    kind: 'Component' | 'Resource',
    component: Component,
  ): ExpectedEntity => ({
    ref: `${kind.toLowerCase()}:default/${spec.name}-${component}`,
    kind,
    component,
    annotations: {
      ...base,
      [ENTITY_ANNOTATIONS.kubernetesLabelSelector]: componentLabelSelector(
        spec.name,
        component,
      ),
    },
  });
  return [
    { ref: `system:default/${spec.name}`, kind: 'System', annotations: base },
    ...APP_COMPONENTS.map(c => of('Component', c)),
    of('Resource', 'postgres'),
    ...(spec.redis.enabled ? [of('Resource', 'redis')] : []),
  ];
}

/** An equality-based label selector ("a=b,c=d"), as the Kubernetes API reads it. */
export function matchesSelector(
  labels: Record<string, string> | undefined,
  selector: string,
) {
  return selector.split(',').every(term => {
    const [key, value] = term.split('=');
    return labels?.[key.trim()] === value.trim();
  });
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: { template?: { metadata?: { labels?: Record<string, string> } } };
}

/**
 * What the Kubernetes plugin would show for an entity among the given objects:
 * objects labelled with its kubernetes-id in its namespace, narrowed by its
 * label selector. Pod templates count too, since the plugin lists pods.
 */
export function objectsShownFor(entity: Entity, objects: KubeObject[]) {
  const annotations = entity.metadata.annotations ?? {};
  const id = annotations[ENTITY_ANNOTATIONS.kubernetesId];
  const namespace = annotations[ENTITY_ANNOTATIONS.kubernetesNamespace];
  const selector = annotations[ENTITY_ANNOTATIONS.kubernetesLabelSelector];
  const shown = (labels: Record<string, string> | undefined) =>
    labels?.[LABELS.kubernetesId] === id &&
    (!selector || matchesSelector(labels, selector));
  const inNamespace = objects.filter(
    o => !o.metadata.namespace || o.metadata.namespace === namespace,
  );
  return {
    objects: inNamespace.filter(o => shown(o.metadata.labels)),
    podTemplates: inNamespace.filter(
      o => o.spec?.template && shown(o.spec.template.metadata?.labels),
    ),
  };
}

/** The workload kinds that run a component's pods. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'];

/** What the Kubernetes plugin would show for an entity, in a few comparable facts. */
export interface SelectionSummary {
  /** app.kubernetes.io/component of the objects shown, sorted, without repeats. */
  components: string[];
  /** A Deployment or StatefulSet is among them (the plugin's deployments / pods views). */
  workload: boolean;
  service: boolean;
  /** Pods of a workload would be shown too (their template carries the labels). */
  pods: boolean;
  /** Every object of the release is shown. */
  everything: boolean;
}

const uniqueSorted = (values: Array<string | undefined>) =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].sort();

export function selectionSummary(
  entity: Entity,
  objects: KubeObject[],
): SelectionSummary {
  const shown = objectsShownFor(entity, objects);
  return {
    components: uniqueSorted(
      shown.objects.map(o => o.metadata.labels?.[LABELS.component]),
    ),
    workload: shown.objects.some(o => WORKLOAD_KINDS.includes(o.kind)),
    service: shown.objects.some(o => o.kind === 'Service'),
    pods: shown.podTemplates.length > 0,
    everything: shown.objects.length === objects.length,
  };
}

/** The summary an entity must have: the System sees everything, the others only their component. */
export function expectedSelection(
  want: ExpectedEntity,
  objects: KubeObject[],
): SelectionSummary {
  return {
    components: want.component
      ? [want.component]
      : uniqueSorted(objects.map(o => o.metadata.labels?.[LABELS.component])),
    workload: true,
    service: true,
    pods: true,
    everything: !want.component,
  };
}

/** Summaries of every expected entity, keyed by ref, next to what they must be. */
export function selections(
  expected: ExpectedEntity[],
  entityOf: (ref: string) => Entity,
  objects: KubeObject[],
) {
  return {
    actual: Object.fromEntries(
      expected.map(w => [w.ref, selectionSummary(entityOf(w.ref), objects)]),
    ),
    expected: Object.fromEntries(
      expected.map(w => [w.ref, expectedSelection(w, objects)]),
    ),
  };
}
