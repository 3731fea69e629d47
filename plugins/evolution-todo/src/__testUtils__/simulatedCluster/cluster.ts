/**
 * TEST DOUBLE. The state of a simulated Kubernetes API server: one
 * evolution-todo release in one namespace, in a switchable scenario, with
 * optional faults. kubernetesApiHandlers.ts serves it over (msw) HTTP.
 */
import type { KubeObject } from '@evolution-todo/plugin-evolution-todo-common';
import {
  buildScenario,
  isScenarioName,
  SCENARIOS,
  type ScenarioName,
} from './scenarios';
import type { Stack } from './stack';

/** Kinds the Kubernetes API serves, by resource path ("plural" or "group/plural"). */
const RESOURCES: Record<
  string,
  { kind: string; apiVersion: string; field?: keyof Stack }
> = {
  pods: { kind: 'Pod', apiVersion: 'v1', field: 'pods' },
  services: { kind: 'Service', apiVersion: 'v1', field: 'services' },
  events: { kind: 'Event', apiVersion: 'v1', field: 'events' },
  persistentvolumeclaims: {
    kind: 'PersistentVolumeClaim',
    apiVersion: 'v1',
    field: 'persistentVolumeClaims',
  },
  configmaps: { kind: 'ConfigMap', apiVersion: 'v1' },
  limitranges: { kind: 'LimitRange', apiVersion: 'v1' },
  resourcequotas: { kind: 'ResourceQuota', apiVersion: 'v1' },
  secrets: { kind: 'Secret', apiVersion: 'v1' },
  persistentvolumes: { kind: 'PersistentVolume', apiVersion: 'v1' },
  'apps/deployments': {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    field: 'deployments',
  },
  'apps/replicasets': {
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
    field: 'replicaSets',
  },
  'apps/statefulsets': {
    kind: 'StatefulSet',
    apiVersion: 'apps/v1',
    field: 'statefulSets',
  },
  'apps/daemonsets': { kind: 'DaemonSet', apiVersion: 'apps/v1' },
  'autoscaling/horizontalpodautoscalers': {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    field: 'horizontalPodAutoscalers',
  },
  'batch/jobs': { kind: 'Job', apiVersion: 'batch/v1' },
  'batch/cronjobs': { kind: 'CronJob', apiVersion: 'batch/v1' },
  'networking.k8s.io/ingresses': {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
  },
};

/** What the cluster answers: a status and a JSON (or raw text) body. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  /** Sent as is instead of JSON: for malformed answers. */
  text?: string;
}

export interface ClusterFault {
  /** Every API call answers this status (401, 403, 500...). */
  status?: number;
  /** Only calls for this resource path fail (e.g. "pods"), with `status`. */
  only?: string;
  /** Every API call answers 200 with a body that is not JSON. */
  malformed?: boolean;
  /** Every API call waits this long first. */
  delayMs?: number;
}

export interface SimulatedClusterOptions {
  release?: string;
  namespace?: string;
  scenario?: ScenarioName;
  /** When set, calls must carry `Authorization: Bearer <token>`, like a real API server. */
  token?: string;
  now?: () => number;
}

export function kubernetesStatus(
  code: number,
  reason: string,
  message: string,
): ApiAnswer {
  return {
    status: code,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    },
  };
}

/** Equality-based label selectors (`a=b,c!=d,e`), as the Kubernetes backend sends them. */
export function matchesSelector(
  labels: Record<string, string> | undefined,
  selector: string | null,
): boolean {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const t = term.trim();
    if (!t) return true;
    const notEqual = /^([^!=]+)!=(.*)$/.exec(t);
    if (notEqual) return labels?.[notEqual[1].trim()] !== notEqual[2].trim();
    const equal = /^([^=]+)==?(.*)$/.exec(t);
    if (equal) return labels?.[equal[1].trim()] === equal[2].trim();
    return labels?.[t] !== undefined;
  });
}

/** Field selectors on dotted paths (`type=Warning,involvedObject.name=x`). */
export function matchesFieldSelector(
  object: unknown,
  selector: string | null,
): boolean {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const [path, value] = term.split(/!?=+/);
    const negate = term.includes('!=');
    const actual = path
      .trim()
      .split('.')
      .reduce<unknown>(
        (o, key) =>
          o && typeof o === 'object'
            ? (o as Record<string, unknown>)[key]
            : undefined,
        object,
      );
    return negate ? String(actual) !== value : String(actual) === value;
  });
}

export class SimulatedCluster {
  readonly release: string;
  readonly namespace: string;
  readonly token?: string;
  fault?: ClusterFault;
  private scenarioName: ScenarioName;
  private stack?: Stack;
  private readonly now: () => number;

  constructor(options: SimulatedClusterOptions = {}) {
    this.release = options.release ?? 'todo';
    this.namespace = options.namespace ?? this.release;
    this.scenarioName = options.scenario ?? 'healthy';
    this.token = options.token;
    this.now = options.now ?? Date.now;
  }

  get scenario(): ScenarioName {
    return this.scenarioName;
  }

  /** Switches the scenario; throws for an unknown name. */
  setScenario(name: unknown) {
    if (!isScenarioName(name)) {
      throw new Error(
        `unknown scenario ${JSON.stringify(name)}; known: ${Object.keys(
          SCENARIOS,
        ).join(', ')}`,
      );
    }
    this.scenarioName = name;
    this.stack = undefined;
  }

  objects(): Stack {
    this.stack ??= buildScenario(this.scenarioName, {
      release: this.release,
      namespace: this.namespace,
      now: this.now(),
    });
    return this.stack;
  }

  /** GET /api/v1/... or /apis/<group>/<version>/...: a List, like the API server's. */
  list(
    resource: string,
    namespace: string | undefined,
    labelSelector: string | null,
    fieldSelector: string | null,
  ): ApiAnswer {
    const type = RESOURCES[resource];
    if (!type) {
      return kubernetesStatus(
        404,
        'NotFound',
        `the server could not find the requested resource (get ${resource})`,
      );
    }
    const all = type.field ? (this.objects()[type.field] as KubeObject[]) : [];
    const items = all
      .filter(o => !namespace || o.metadata?.namespace === namespace)
      .filter(o => matchesSelector(o.metadata?.labels, labelSelector))
      .filter(o => matchesFieldSelector(o, fieldSelector))
      .map(o => ({ apiVersion: type.apiVersion, kind: type.kind, ...o }));
    return {
      status: 200,
      body: {
        kind: `${type.kind}List`,
        apiVersion: type.apiVersion,
        metadata: { resourceVersion: '48213' },
        items,
      },
    };
  }

  /**
   * GET /api/v1/namespaces/<ns>/services/<name>[:<port>]/proxy/<path>: what the
   * app answers, or the API server's 503 when no ready pod backs the Service.
   */
  proxyToService(
    namespace: string,
    serviceRef: string,
    path: string,
  ): ApiAnswer {
    const [name] = serviceRef.split(':');
    const stack = this.objects();
    const service = stack.services.find(
      s => s.metadata?.name === name && s.metadata?.namespace === namespace,
    );
    if (!service) {
      return kubernetesStatus(404, 'NotFound', `services "${name}" not found`);
    }
    const ready = stack.pods.some(
      p =>
        matchesSelector(
          p.metadata?.labels,
          Object.entries(service.spec?.selector ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
        ) &&
        p.status?.conditions?.some(
          c => c.type === 'Ready' && c.status === 'True',
        ),
    );
    if (!ready) {
      return kubernetesStatus(
        503,
        'ServiceUnavailable',
        `no endpoints available for service "${serviceRef}"`,
      );
    }
    const component = service.metadata?.labels?.['app.kubernetes.io/component'];
    const answer = stack.answers.get(`${component} ${path}`);
    return answer ?? { status: 404, body: { detail: 'Not Found' } };
  }
}
