import {
  postgresSecretName,
  serviceAccountName,
  type Color,
  type DeploymentSpec,
  type LabelledComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import type { IDeploymentStrategy } from 'kubernetes-models/apps/v1';
import type {
  IEnvVar,
  IPodSecurityContext,
  IPodSpec,
  ISecurityContext,
  ITopologySpreadConstraint,
  IVolume,
} from 'kubernetes-models/v1';
import type { RenderContext } from '../context';
import { POSTGRES_PASSWORD_KEY, RUN_AS_ID } from '../conventions/workloads';

/**
 * Building blocks every workload's pod shares; the chart's
 * templates/deployments/_pod.tpl spells the same.
 */

/** Images are pinned by tag; pulling again would only waste time. */
export const IMAGE_PULL_POLICY = 'IfNotPresent';

/** Zero downtime for every Deployment: a new pod is ready before an old one goes. */
export function rollingUpdateStrategy(): IDeploymentStrategy {
  return {
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
  };
}

/** Pod Security Standards "restricted", with the fixed UID/GID the images are built for. */
export function podSecurityContext(): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: RUN_AS_ID,
    runAsGroup: RUN_AS_ID,
    fsGroup: RUN_AS_ID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Nothing writes outside its volumes; no capability is needed. */
export function containerSecurityContext(): ISecurityContext {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
  };
}

/**
 * The dedicated ServiceAccount without a token (nothing calls the Kubernetes
 * API), no service links (they put every Service of the namespace into the
 * environment), and the release's registry credentials, if any.
 */
export function podIdentity(
  ctx: RenderContext,
): Pick<
  IPodSpec,
  | 'serviceAccountName'
  | 'automountServiceAccountToken'
  | 'enableServiceLinks'
  | 'imagePullSecrets'
> {
  const { imagePullSecrets } = ctx.spec;
  return {
    serviceAccountName: serviceAccountName(ctx.release),
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    ...(imagePullSecrets.length > 0
      ? { imagePullSecrets: imagePullSecrets.map(name => ({ name })) }
      : {}),
  };
}

/**
 * Spread a component's pods over nodes as a preference (a small cluster still
 * schedules them); pod-template-hash counts per ReplicaSet, so a rollout's new
 * pods spread among themselves.
 */
export function topologySpread(
  ctx: RenderContext,
  component: LabelledComponent,
  color?: Color,
): ITopologySpreadConstraint[] {
  return [
    {
      maxSkew: 1,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: ctx.selector(component, color) },
      matchLabelKeys: ['pod-template-hash'],
    },
  ];
}

/** A size-limited emptyDir: the kubelet evicts a pod that fills it beyond the limit. */
export function emptyDirVolume(name: string, sizeLimit: string): IVolume {
  return { name, emptyDir: { sizeLimit } };
}

/** The Secret holding the PostgreSQL password: the user's existingSecret or the chart's. */
export function postgresPasswordSecret(spec: DeploymentSpec): string {
  return spec.postgres.existingSecret || postgresSecretName(spec.name);
}

/** An env var carrying the PostgreSQL password from its Secret. */
export function postgresPasswordEnv(
  spec: DeploymentSpec,
  name: string,
): IEnvVar {
  return {
    name,
    valueFrom: {
      secretKeyRef: {
        name: postgresPasswordSecret(spec),
        key: POSTGRES_PASSWORD_KEY,
      },
    },
  };
}
