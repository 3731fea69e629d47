import type { KubernetesObject } from '../types';

/**
 * The Prometheus Operator's API group version (ServiceMonitor, PrometheusRule).
 * A cluster serves it only once the operator's CRDs are installed, so the
 * chart renders those objects only when `.Capabilities.APIVersions` has it
 * (templates/monitoring/_helpers.tpl), k8s/ keeps them in their own folder,
 * and the deploy action and scripts/deploy.sh apply that folder only where
 * the cluster serves this API.
 */
export const PROMETHEUS_OPERATOR_API_VERSION = 'monitoring.coreos.com/v1';

/**
 * The k8s/ folder of the objects that need the Prometheus Operator, and only
 * of those: everything else in k8s/ applies to any cluster.
 */
export const OPERATOR_MANIFESTS_FOLDER = 'monitoring';

/** An object of the Prometheus Operator's API group (any version). */
export function isOperatorObject(object: Pick<KubernetesObject, 'apiVersion'>) {
  return object.apiVersion.startsWith(
    `${PROMETHEUS_OPERATOR_API_VERSION.split('/')[0]}/`,
  );
}
