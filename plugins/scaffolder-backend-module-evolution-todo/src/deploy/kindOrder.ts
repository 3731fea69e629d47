import type { SourcedObject } from './types';

/**
 * The order in which kinds are applied. Each group only depends on groups
 * before it, so every object finds what it refers to when it is admitted:
 *
 *  1. Namespace                       everything else lives in it
 *  2. CustomResourceDefinition        custom kinds further down need their type
 *  3. PriorityClass, StorageClass     cluster-wide prerequisites of pods and PVCs
 *  4. ResourceQuota, LimitRange       namespace policy must exist before pods are admitted
 *  5. ServiceAccount                  pods name it; admission rejects a missing one
 *  6. ClusterRole, Role, *Bindings    permissions before the pods that use them
 *  7. ConfigMap                       referenced by pods (env, volumes)
 *  8. Secret                          likewise
 *  9. NetworkPolicy                   before pods, so no pod ever runs unrestricted
 * 10. Service                         before workloads, so pods get its env vars and DNS
 * 11. PersistentVolume(Claim)         bound volumes before the pods that mount them
 * 12. Deployment, StatefulSet, ...    the workloads
 * 13. HorizontalPodAutoscaler         targets a workload
 * 14. PodDisruptionBudget             selects the workload's pods
 * 15. IngressClass, Ingress, Gateway, HTTPRoute, GRPCRoute   route to Services
 * 16. ServiceMonitor, PodMonitor, PrometheusRule             observe what is running
 * 17. anything else, in file order
 */
export const KIND_ORDER: readonly (readonly string[])[] = [
  ['Namespace'],
  ['CustomResourceDefinition'],
  ['PriorityClass', 'StorageClass'],
  ['ResourceQuota', 'LimitRange'],
  ['ServiceAccount'],
  ['ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding'],
  ['ConfigMap'],
  ['Secret'],
  ['NetworkPolicy'],
  ['Service'],
  ['PersistentVolume', 'PersistentVolumeClaim'],
  [
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'Job',
    'CronJob',
    'Pod',
  ],
  ['HorizontalPodAutoscaler'],
  ['PodDisruptionBudget'],
  ['IngressClass', 'Ingress', 'Gateway', 'HTTPRoute', 'GRPCRoute'],
  ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'],
];

const RANK = new Map<string, number>(
  KIND_ORDER.flatMap((kinds, rank) => kinds.map(kind => [kind, rank] as const)),
);

/** Rank of a kind in {@link KIND_ORDER}; unknown kinds come after all known ones. */
export function kindRank(kind: string): number {
  return RANK.get(kind) ?? KIND_ORDER.length;
}

/**
 * Objects in apply order. The sort is stable, so objects of the same rank keep
 * the order in which they were read (file path, then document), which keeps
 * runs repeatable and lets a manifest author order objects within a group.
 */
export function sortForApply(
  objects: readonly SourcedObject[],
): SourcedObject[] {
  return objects
    .map((entry, index) => ({
      entry,
      index,
      rank: kindRank(entry.object.kind),
    }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ entry }) => entry);
}
