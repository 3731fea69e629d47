/**
 * Health rules: from the Kubernetes objects of an evolution-todo release (and
 * live health checks) to one verdict per workload and one for the system, with
 * the reasons in words. Pure functions; the frontend plugin and the bench use them.
 */
export * from './kubernetes';
export * from './types';
export { groupWorkloads } from './group';
export { evaluateWorkload } from './workload';
export { evaluateSystem, evaluateClusters } from './system';
export type { SystemOptions } from './system';
export { summarizeHpa } from './hpa';
export {
  summarizePod,
  isPlainlyHealthy,
  STARTUP_GRACE_MS,
  RECENT_RESTART_MS,
} from './pods';
export { summarizePvc } from './pvc';
export { deploymentRollout, statefulSetRollout } from './rollout';
export { latestWarnings } from './events';
export { summarizeImage } from './image';
export { worstVerdict } from './verdict';
export {
  HEALTH_ENDPOINTS,
  PROBE_TIMEOUT_MS,
  serviceProxyPath,
  classifyProbeAnswer,
  probeWithoutAnswer,
} from './probes';
export type { ProbeAnswer } from './probes';
export {
  snapshotFromFetchResponses,
  describeFetchError,
} from './fetchResponses';
export type { FetchResponseLike, FetchErrorLike } from './fetchResponses';
export { describeEntityTarget } from './entityTarget';
export type { EntityTarget } from './entityTarget';
