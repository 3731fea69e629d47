import type { PolicyRule } from '../types';
import { dropAllCapabilities } from './capabilities';
import { explicitNamespace } from './explicitNamespace';
import { gracefulShutdown } from './gracefulShutdown';
import { hostIsolation } from './hostIsolation';
import { hpaTarget } from './hpaTarget';
import { pinnedImageTag } from './imageTag';
import { kubernetesIdLabel } from './kubernetesIdLabel';
import { monitoringApiVersion } from './monitoringApiVersion';
import { networkPolicyDefaultDeny } from './networkPolicy';
import { noSecretData } from './noSecretData';
import { podDisruptionBudget } from './podDisruptionBudget';
import { preStopHook } from './preStopHook';
import { operatorObjectsFolder } from './operatorObjectsFolder';
import { noPrivilegeEscalation } from './privilegeEscalation';
import { probes } from './probes';
import { prometheusReleaseLabel } from './prometheusReleaseLabel';
import { readOnlyRootFilesystem } from './readOnlyRootFilesystem';
import { recommendedLabels } from './recommendedLabels';
import { resources } from './resources';
import { rollingUpdate } from './rollingUpdate';
import { runAsNonRoot } from './runAsNonRoot';
import { seccompRuntimeDefault } from './seccomp';
import { serviceAccountToken } from './serviceAccountToken';
import { serviceMonitorTarget } from './serviceMonitorTarget';
import { serviceSelector } from './serviceSelector';
import { startupProbe } from './startupProbe';
import { topologySpread } from './topologySpread';
import { workloadSelector } from './workloadSelector';

/**
 * The policy checklist: security (Pod Security Standards "restricted" and
 * more), zero-downtime rollout, labelling and monitoring wiring. Order is the
 * order of the report's legend.
 */
export const POLICY_RULES: readonly PolicyRule[] = [
  // security
  runAsNonRoot,
  readOnlyRootFilesystem,
  dropAllCapabilities,
  seccompRuntimeDefault,
  noPrivilegeEscalation,
  hostIsolation,
  serviceAccountToken,
  pinnedImageTag,
  noSecretData,
  networkPolicyDefaultDeny,
  // zero downtime
  resources,
  probes,
  startupProbe,
  rollingUpdate,
  podDisruptionBudget,
  gracefulShutdown,
  preStopHook,
  topologySpread,
  hpaTarget,
  // wiring and labelling
  workloadSelector,
  serviceSelector,
  explicitNamespace,
  kubernetesIdLabel,
  recommendedLabels,
  monitoringApiVersion,
  operatorObjectsFolder,
  serviceMonitorTarget,
  prometheusReleaseLabel,
];
