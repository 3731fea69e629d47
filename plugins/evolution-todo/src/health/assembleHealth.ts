import type { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import {
  describeFetchError,
  evaluateClusters,
  snapshotFromFetchResponses,
  type ClusterSnapshot,
  type Component,
  type EntityTarget,
  type SystemHealth,
} from '@evolution-todo/plugin-evolution-todo-common';
import type { ClusterExtras, Fault } from './types';

/** What a System must run; a Component entity expects just its own workload. */
const SYSTEM_COMPONENTS: Component[] = [
  'frontend',
  'backend',
  'mcp',
  'postgres',
];

/**
 * Only once something of the release runs: an entity whose release is not
 * deployed yet is unknown, not down.
 */
function expectedComponents(target: EntityTarget, anythingRuns: boolean) {
  if (!anythingRuns) return undefined;
  return target.component ? [target.component] : SYSTEM_COMPONENTS;
}

export interface AssemblyInput {
  target: EntityTarget;
  /** The Kubernetes backend's answer, not trusted to have the right shape. */
  response: ObjectsByEntityResponse | undefined;
  /** Configured clusters, once known. */
  clusters?: string[];
  extras: ClusterExtras[];
  now?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * "pods, services and 11 more could not be read (401 Unauthorized)": one
 * phrase per cause, since a cluster that refuses one kind usually refuses all.
 */
export function summarizeClusterErrors(
  errors: Array<Record<string, unknown>>,
): string {
  const byCause = new Map<string, string[]>();
  for (const error of errors) {
    const text = describeFetchError(error);
    const match = /^(.*) could not be read \((.*)\)$/.exec(text);
    const [what, cause] = match ? [match[1], match[2]] : [undefined, text];
    byCause.set(cause, [
      ...(byCause.get(cause) ?? []),
      ...(what ? [what] : []),
    ]);
  }
  return [...byCause]
    .map(([cause, kinds]) => {
      if (kinds.length === 0) return cause;
      const named = kinds.slice(0, 2).join(', ');
      const more = kinds.length > 2 ? ` and ${kinds.length - 2} more` : '';
      return `${named}${more} could not be read (${cause})`;
    })
    .join('; ');
}

/** Per-cluster snapshots from the backend's answer, and faults for what is missing. */
export function snapshotsFrom(response: unknown): {
  snapshots: ClusterSnapshot[];
  faults: Fault[];
} {
  const faults: Fault[] = [];
  const items = isObject(response) ? response.items : undefined;
  if (!Array.isArray(items)) {
    return {
      snapshots: [],
      faults: [
        {
          severity: 'error',
          message:
            'The Kubernetes backend sent an answer of an unexpected shape (no list of clusters).',
        },
      ],
    };
  }
  const snapshots: ClusterSnapshot[] = [];
  items.forEach((item, index) => {
    if (!isObject(item)) return;
    const name =
      isObject(item.cluster) && typeof item.cluster.name === 'string'
        ? item.cluster.name
        : `cluster ${index + 1}`;
    const errors = Array.isArray(item.errors)
      ? item.errors.filter(isObject)
      : [];
    const resources = Array.isArray(item.resources) ? item.resources : [];
    const hasObjects = resources.some(
      r => isObject(r) && Array.isArray(r.resources) && r.resources.length > 0,
    );
    if (errors.length > 0) {
      const what = summarizeClusterErrors(errors);
      faults.push(
        hasObjects
          ? {
              severity: 'warning',
              message: `Cluster ${name} answered only in part: ${what}. What it did send is shown.`,
            }
          : {
              severity: 'error',
              message: `Cluster ${name} could not be read: ${what}.`,
            },
      );
    }
    // The errors already have their message above; the snapshot only carries the objects.
    const snapshot = snapshotFromFetchResponses(name, item.resources);
    if (snapshot.unreadable) {
      faults.push({
        severity: 'warning',
        message: `Cluster ${name} sent malformed data: ${snapshot.unreadable.join(
          '; ',
        )}.`,
      });
    }
    snapshots.push({
      ...snapshot,
      unreadable:
        errors.length > 0 ? [summarizeClusterErrors(errors)] : undefined,
    });
  });
  return { snapshots, faults };
}

function withExtras(
  snapshot: ClusterSnapshot,
  extras: ClusterExtras | undefined,
): ClusterSnapshot {
  if (!extras) return snapshot;
  return {
    ...snapshot,
    events: [...(snapshot.events ?? []), ...extras.events],
    persistentVolumeClaims: [
      ...(snapshot.persistentVolumeClaims ?? []),
      ...extras.persistentVolumeClaims,
    ],
  };
}

/**
 * From what the backend and the proxy calls returned to verdicts and faults.
 * Pure: the hook feeds it, the tests call it directly.
 */
export function assembleHealth(input: AssemblyInput): {
  health?: SystemHealth;
  faults: Fault[];
  clusters: string[];
} {
  const { target, response, clusters, extras } = input;
  if (!response) return { faults: [], clusters: [] };
  const { snapshots, faults } = snapshotsFrom(response);
  const found = snapshots.filter(
    s => (s.deployments?.length ?? 0) + (s.statefulSets?.length ?? 0) > 0,
  );

  if (snapshots.length === 0 && faults.length === 0) {
    if (clusters && clusters.length === 0) {
      faults.push({
        severity: 'info',
        message:
          'No Kubernetes cluster is configured in this portal (kubernetes.clusterLocatorMethods), so there is nothing to show.',
      });
    } else {
      faults.push({
        severity: 'info',
        message: `No Kubernetes objects match this entity${
          clusters?.length
            ? ` in cluster${clusters.length > 1 ? 's' : ''} ${clusters.join(
                ', ',
              )}`
            : ''
        } (release ${target.release}${
          target.component ? `, component ${target.component}` : ''
        }). Is it deployed?`,
      });
    }
    return { faults, clusters: [] };
  }
  for (const e of extras) faults.push(...e.faults);

  const byCluster = new Map(extras.map(e => [e.cluster, e]));
  const health = evaluateClusters(
    snapshots.map(s => withExtras(s, byCluster.get(s.cluster ?? ''))),
    extras.flatMap(e => e.probes),
    {
      now: input.now,
      expectedComponents: expectedComponents(target, found.length > 0),
    },
  );
  return { health, faults, clusters: snapshots.map(s => s.cluster ?? '') };
}
