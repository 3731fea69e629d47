import type { LoadedObject, ManifestObject } from './types';

/**
 * Read-only helpers over untrusted objects: every accessor checks types, so a
 * rule never throws on a malformed object (the schema check reports those).
 */

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Json {
  return isRecord(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function stringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(asRecord(value)).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * `Kind/namespace/name`, or `Kind/name` for objects without a namespace: the
 * object column of findings (deploy/types.ts describeObject words objects for logs).
 */
export function objectId(object: ManifestObject): string {
  const name =
    typeof object.metadata?.name === 'string'
      ? object.metadata.name
      : '(unnamed)';
  const namespace = object.metadata?.namespace;
  return typeof namespace === 'string' && namespace
    ? `${object.kind}/${namespace}/${name}`
    : `${object.kind}/${name}`;
}

export function nameOf(object: ManifestObject): string {
  return typeof object.metadata?.name === 'string' ? object.metadata.name : '';
}

export function namespaceOf(object: ManifestObject): string {
  return typeof object.metadata?.namespace === 'string'
    ? object.metadata.namespace
    : '';
}

export function labelsOf(object: ManifestObject): Record<string, string> {
  return stringMap(object.metadata?.labels);
}

/** Kinds that run pods and where their pod template sits. */
const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Long-running workloads: they need probes, a PodDisruptionBudget, a rollout strategy. */
export const LONG_RUNNING_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

export interface PodTemplate {
  /** Dotted path of the template, e.g. `spec.template`. */
  path: string;
  labels: Record<string, string>;
  spec: Json;
}

export function podTemplateOf(object: ManifestObject): PodTemplate | undefined {
  const segments = POD_TEMPLATE_PATHS[object.kind];
  if (!segments) {
    return undefined;
  }
  let node: unknown = object;
  for (const segment of segments) {
    node = asRecord(node)[segment];
  }
  const template = asRecord(node);
  return {
    path: segments.join('.'),
    labels: stringMap(asRecord(template.metadata).labels),
    spec: asRecord(template.spec),
  };
}

export interface ContainerRef {
  /** Dotted path, e.g. `spec.template.spec.containers[0]`. */
  path: string;
  container: Json;
  /** Init containers run to completion before the app starts (no probes, no preStop). */
  init: boolean;
}

export function containersOf(template: PodTemplate): ContainerRef[] {
  const list = (key: 'initContainers' | 'containers') =>
    asArray(template.spec[key]).map((container, index) => ({
      path: `${template.path}.spec.${key}[${index}]`,
      container: asRecord(container),
      init: key === 'initContainers',
    }));
  return [...list('initContainers'), ...list('containers')];
}

/** Objects with a pod template, each with its template. */
export function withPodTemplates(
  objects: readonly LoadedObject[],
): { loaded: LoadedObject; template: PodTemplate }[] {
  return objects.flatMap(loaded => {
    const template = podTemplateOf(loaded.object);
    return template ? [{ loaded, template }] : [];
  });
}

/**
 * Whether a Kubernetes label selector (matchLabels and matchExpressions) selects
 * the labels. An empty selector selects everything, as in the API.
 */
export function selectorMatches(
  selector: unknown,
  labels: Record<string, string>,
): boolean {
  const { matchLabels, matchExpressions } = asRecord(selector);
  const equal = Object.entries(stringMap(matchLabels)).every(
    ([key, value]) => labels[key] === value,
  );
  const expressions = asArray(matchExpressions).every(raw => {
    const { key, operator, values } = asRecord(raw);
    const value = labels[String(key)];
    const set = asArray(values).map(String);
    switch (operator) {
      case 'In':
        return value !== undefined && set.includes(value);
      case 'NotIn':
        return value === undefined || !set.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        return false;
    }
  });
  return equal && expressions;
}

/** A Service's plain `selector` map (no expressions), as Services and ReplicationControllers use. */
export function mapSelectorMatches(
  selector: Record<string, string>,
  labels: Record<string, string>,
): boolean {
  return Object.entries(selector).every(
    ([key, value]) => labels[key] === value,
  );
}

/** Kinds that live outside namespaces, as far as the rules need to know. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'GatewayClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'RuntimeClass',
]);
