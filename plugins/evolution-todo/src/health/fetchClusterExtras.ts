import type { KubernetesApi } from '@backstage/plugin-kubernetes-react';
import {
  APP_COMPONENTS,
  classifyProbeAnswer,
  componentName,
  HEALTH_ENDPOINTS,
  LABELS,
  PROBE_TIMEOUT_MS,
  probeWithoutAnswer,
  serviceProxyPath,
  type AppComponent,
  type ClusterSnapshot,
  type KubeEvent,
  type PersistentVolumeClaim,
  type ProbeResult,
} from '@evolution-todo/plugin-evolution-todo-common';
import {
  isNotAllowedByBackstage,
  NOT_ALLOWED_MESSAGE,
  proxyGet,
} from './proxyGet';
import type { ClusterExtras, Fault } from './types';

/** Lists fetched through the proxy may take a little longer than a health check. */
export const LIST_TIMEOUT_MS = 10_000;

type ListResult<T> = { items: T[] } | { fault: Fault };

async function proxyList<T>(
  api: KubernetesApi,
  cluster: string,
  path: string,
  what: string,
): Promise<ListResult<T>> {
  try {
    const answer = await proxyGet(api, cluster, path, LIST_TIMEOUT_MS);
    if (answer === 'timeout') {
      return {
        fault: {
          severity: 'warning',
          message: `Cluster ${cluster}: ${what} did not arrive within ${
            LIST_TIMEOUT_MS / 1000
          } s.`,
        },
      };
    }
    if (isNotAllowedByBackstage(answer)) {
      return {
        fault: {
          severity: 'info',
          message: `Cluster ${cluster}: ${what} ${NOT_ALLOWED_MESSAGE}.`,
        },
      };
    }
    if (answer.status < 200 || answer.status >= 300) {
      return {
        fault: {
          severity: 'warning',
          message: `Cluster ${cluster}: ${what} could not be read (HTTP ${answer.status}).`,
        },
      };
    }
    const items = (JSON.parse(answer.body) as { items?: unknown }).items;
    if (!Array.isArray(items)) throw new Error('no items');
    return {
      items: items.filter(i => typeof i === 'object' && i !== null) as T[],
    };
  } catch (e) {
    return {
      fault: {
        severity: 'warning',
        message: `Cluster ${cluster}: ${what} could not be read (${
          e instanceof SyntaxError
            ? 'the answer is not valid JSON'
            : (e as Error).message
        }).`,
      },
    };
  }
}

async function liveCheck(
  api: KubernetesApi,
  cluster: string,
  target: {
    component: AppComponent;
    probe: 'health' | 'readiness';
    path: string;
  },
  proxyPath: string,
  timeoutMs: number,
): Promise<ProbeResult> {
  try {
    const answer = await proxyGet(api, cluster, proxyPath, timeoutMs);
    if (isNotAllowedByBackstage(answer)) {
      return {
        ...target,
        outcome: 'unavailable',
        status: 403,
        message: NOT_ALLOWED_MESSAGE,
        cluster,
      };
    }
    const result =
      answer === 'timeout'
        ? probeWithoutAnswer(target, 'timeout', undefined, timeoutMs)
        : classifyProbeAnswer(target, answer);
    return { ...result, cluster };
  } catch (e) {
    return {
      ...probeWithoutAnswer(target, 'error', (e as Error).message),
      cluster,
    };
  }
}

/**
 * Everything the Kubernetes backend's object list does not carry, fetched
 * through kubernetesApiRef.proxy: Warning events of the release's namespaces,
 * the PVCs of StatefulSets (not in the backend's default object types), and
 * the live health checks of the app Services. Never throws: what fails
 * becomes a fault or an "unavailable" check.
 */
export async function fetchClusterExtras(
  api: KubernetesApi,
  snapshot: ClusterSnapshot,
  release: string,
  probeTimeoutMs = PROBE_TIMEOUT_MS,
): Promise<ClusterExtras> {
  const cluster = snapshot.cluster ?? '';
  const namespaces = new Set<string>();
  for (const list of [
    snapshot.deployments,
    snapshot.statefulSets,
    snapshot.services,
  ]) {
    for (const o of list ?? [])
      if (o.metadata?.namespace) namespaces.add(o.metadata.namespace);
  }
  const faults: Fault[] = [];
  const events: KubeEvent[] = [];
  const persistentVolumeClaims: PersistentVolumeClaim[] = [];
  const needClaims =
    (snapshot.statefulSets?.length ?? 0) > 0 &&
    (snapshot.persistentVolumeClaims?.length ?? 0) === 0;

  const lists = [...namespaces].flatMap(ns => {
    const base = `/api/v1/namespaces/${encodeURIComponent(ns)}`;
    const calls: Array<Promise<void>> = [
      proxyList<KubeEvent>(
        api,
        cluster,
        `${base}/events?fieldSelector=${encodeURIComponent('type=Warning')}`,
        'events',
      ).then(r =>
        'items' in r ? void events.push(...r.items) : void faults.push(r.fault),
      ),
    ];
    if (needClaims) {
      calls.push(
        proxyList<PersistentVolumeClaim>(
          api,
          cluster,
          `${base}/persistentvolumeclaims?labelSelector=${encodeURIComponent(
            `${LABELS.instance}=${release}`,
          )}`,
          'volume claims',
        ).then(r =>
          'items' in r
            ? void persistentVolumeClaims.push(...r.items)
            : void faults.push(r.fault),
        ),
      );
    }
    return calls;
  });

  const checks: Array<Promise<ProbeResult>> = [];
  for (const component of APP_COMPONENTS) {
    const service = snapshot.services?.find(
      s =>
        s.metadata?.name === componentName(release, component) &&
        s.metadata?.labels?.[LABELS.component] === component,
    );
    if (!service) continue;
    for (const endpoint of HEALTH_ENDPOINTS[component]) {
      const path = serviceProxyPath(service, endpoint.path);
      if (path) {
        checks.push(
          liveCheck(
            api,
            cluster,
            { component, ...endpoint },
            path,
            probeTimeoutMs,
          ),
        );
      }
    }
  }

  const [probes] = await Promise.all([Promise.all(checks), Promise.all(lists)]);
  return { cluster, events, persistentVolumeClaims, probes, faults };
}
