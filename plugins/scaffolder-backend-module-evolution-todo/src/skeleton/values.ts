import type { DeploymentSpec } from '@evolution-todo/plugin-evolution-todo-common';

/**
 * The values skeleton/ reads (`${{ values.<key> }}`), as fetch:template must pass
 * them. A test renders the skeleton with exactly these keys and checks that the
 * skeleton uses no other.
 */
export interface SkeletonValues {
  /** Release, System, kubernetes-id and image prefix. */
  name: string;
  /** Entity reference of the owning group or user. */
  owner: string;
  description: string;
  namespace: string;
  ingressHost: string;
  /** Registry and path the images are pushed to, e.g. ghcr.io/acme. */
  imageRegistry: string;
  loggingStack: 'loki' | 'fluentd' | 'none';
  rolloutStrategy: 'rolling' | 'blue-green';
  /** The Redis Resource entity and the docs' Redis parts are there only when true. */
  redisEnabled: boolean;
  /** The kube-prometheus-stack release that selects the ServiceMonitors (docs). */
  prometheusRelease: string;
  /** The template version the System's catalog entity carries (the portal's upgrade card reads it). */
  templateVersion: string;
}

export const SKELETON_VALUE_KEYS: ReadonlyArray<keyof SkeletonValues> = [
  'name',
  'owner',
  'description',
  'namespace',
  'ingressHost',
  'imageRegistry',
  'loggingStack',
  'rolloutStrategy',
  'redisEnabled',
  'prometheusRelease',
  'templateVersion',
];

/**
 * Files fetch:template must copy without templating: GitHub Actions workflows
 * use `${{ }}` themselves. (Paths are still rendered; these contain no template.)
 */
export const SKELETON_COPY_WITHOUT_TEMPLATING: readonly string[] = [
  '.github/workflows/*',
];

/** The skeleton values of a deployment: what the template (and the CLI) pass to fetch:template. */
export function skeletonValues(
  spec: DeploymentSpec,
  templateVersion: string,
): SkeletonValues {
  return {
    name: spec.name,
    owner: spec.owner,
    description: spec.description,
    namespace: spec.namespace,
    ingressHost: spec.ingress.host,
    imageRegistry: spec.imageRegistry,
    loggingStack: spec.logging.stack,
    rolloutStrategy: spec.rollout.strategy,
    redisEnabled: spec.redis.enabled,
    prometheusRelease: spec.monitoring.prometheusRelease,
    templateVersion,
  };
}
