import type { KubeObject } from './kubernetes';
import type { ClusterSnapshot } from './types';

/** One entry of the Kubernetes backend's `resources` list, as received (not trusted). */
export interface FetchResponseLike {
  type?: unknown;
  resources?: unknown;
}

/** One entry of the Kubernetes backend's `errors` list for a cluster. */
export interface FetchErrorLike {
  errorType?: unknown;
  statusCode?: unknown;
  resourcePath?: unknown;
  message?: unknown;
}

const FIELDS: Record<string, keyof ClusterSnapshot> = {
  deployments: 'deployments',
  statefulsets: 'statefulSets',
  replicasets: 'replicaSets',
  pods: 'pods',
  horizontalpodautoscalers: 'horizontalPodAutoscalers',
  persistentvolumeclaims: 'persistentVolumeClaims',
  services: 'services',
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "pods could not be read (403 Forbidden)", "the cluster could not be reached: ...". */
export function describeFetchError(error: FetchErrorLike): string {
  if (error.errorType === 'FETCH_ERROR') {
    return `the cluster could not be reached${
      typeof error.message === 'string' ? `: ${error.message}` : ''
    }`;
  }
  const path = typeof error.resourcePath === 'string' ? error.resourcePath : '';
  const what = path.split('/').filter(Boolean).pop() ?? 'objects';
  const code =
    typeof error.statusCode === 'number' ? error.statusCode : undefined;
  const status = code
    ? `${code}${STATUS_TEXT[code] ? ` ${STATUS_TEXT[code]}` : ''}`
    : String(error.errorType ?? 'unknown error');
  return `${what} could not be read (${status})`;
}

/**
 * A cluster's part of the Kubernetes backend's answer as a snapshot for the
 * health rules. Tolerates malformed input: entries that are not lists of
 * objects are skipped, and every error becomes an "unreadable" note.
 */
export function snapshotFromFetchResponses(
  cluster: string | undefined,
  resources: unknown,
  errors?: unknown,
): ClusterSnapshot {
  const snapshot: Record<string, unknown> = { cluster };
  const unreadable: string[] = [];
  if (resources !== undefined && !Array.isArray(resources)) {
    unreadable.push('the objects list was malformed');
  }
  for (const response of Array.isArray(resources) ? resources : []) {
    if (!isObject(response)) continue;
    const { type, resources: items } = response as FetchResponseLike;
    const field = typeof type === 'string' ? FIELDS[type] : undefined;
    if (!field) continue;
    if (!Array.isArray(items)) {
      unreadable.push(`${type} were malformed`);
      continue;
    }
    // Reuse the list as is when every item is an object (the normal case): no copy.
    const objects = items.every(isObject) ? items : items.filter(isObject);
    const existing = snapshot[field] as KubeObject[] | undefined;
    snapshot[field] = existing ? existing.concat(objects) : objects;
  }
  for (const error of Array.isArray(errors) ? errors : []) {
    if (isObject(error))
      unreadable.push(describeFetchError(error as FetchErrorLike));
  }
  if (unreadable.length > 0) snapshot.unreadable = unreadable;
  return snapshot as ClusterSnapshot;
}
