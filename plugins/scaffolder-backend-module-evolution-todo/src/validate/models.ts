import * as coreV1 from 'kubernetes-models/v1';
import * as admissionregistrationV1 from 'kubernetes-models/admissionregistration.k8s.io/v1';
import * as apiextensionsV1 from 'kubernetes-models/apiextensions.k8s.io/v1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV1 from 'kubernetes-models/autoscaling/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as coordinationV1 from 'kubernetes-models/coordination.k8s.io/v1';
import * as discoveryV1 from 'kubernetes-models/discovery.k8s.io/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as nodeV1 from 'kubernetes-models/node.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as rbacV1 from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as schedulingV1 from 'kubernetes-models/scheduling.k8s.io/v1';
import * as storageV1 from 'kubernetes-models/storage.k8s.io/v1';
import * as monitoringV1 from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import * as monitoringV1alpha1 from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1';
import * as gatewayV1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import * as gatewayV1beta1 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1';
import * as gatewayV1alpha2 from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2';

/** A kubernetes-models class: constructing it and calling validate() checks the JSON schema. */
export interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: any): { validate(): void };
}

/**
 * The API versions a Kubernetes 1.28+ cluster serves (stable groups only) plus
 * the CRDs the chart uses: Prometheus Operator and Gateway API.
 */
const MODULES: Record<string, unknown>[] = [
  coreV1,
  admissionregistrationV1,
  apiextensionsV1,
  appsV1,
  autoscalingV1,
  autoscalingV2,
  batchV1,
  coordinationV1,
  discoveryV1,
  networkingV1,
  nodeV1,
  policyV1,
  rbacV1,
  schedulingV1,
  storageV1,
  monitoringV1,
  monitoringV1alpha1,
  gatewayV1,
  gatewayV1beta1,
  gatewayV1alpha2,
];

function isModelClass(value: unknown): value is ModelClass {
  return (
    typeof value === 'function' &&
    typeof (value as any).apiVersion === 'string' &&
    typeof (value as any).kind === 'string'
  );
}

const modelKey = (apiVersion: string, kind: string) => `${apiVersion}|${kind}`;

const REGISTRY: ReadonlyMap<string, ModelClass> = new Map(
  MODULES.flatMap(module =>
    Object.values(module)
      .filter(isModelClass)
      .map(model => [modelKey(model.apiVersion, model.kind), model] as const),
  ),
);

/** The model for an apiVersion and kind, if Kubernetes 1.28+ (or a known CRD) has it. */
export function findModel(
  apiVersion: string,
  kind: string,
): ModelClass | undefined {
  return REGISTRY.get(modelKey(apiVersion, kind));
}

/**
 * API versions that Kubernetes 1.28 no longer serves, with the release that
 * removed them: an object using one is rejected by the API server.
 */
export const REMOVED_API_VERSIONS: Readonly<Record<string, string>> = {
  'extensions/v1beta1': '1.22',
  'apps/v1beta1': '1.16',
  'apps/v1beta2': '1.16',
  'networking.k8s.io/v1beta1': '1.22',
  'rbac.authorization.k8s.io/v1beta1': '1.22',
  'scheduling.k8s.io/v1beta1': '1.22',
  'apiextensions.k8s.io/v1beta1': '1.22',
  'admissionregistration.k8s.io/v1beta1': '1.22',
  'certificates.k8s.io/v1beta1': '1.22',
  'coordination.k8s.io/v1beta1': '1.22',
  'policy/v1beta1': '1.25',
  'batch/v1beta1': '1.25',
  'autoscaling/v2beta1': '1.25',
  'discovery.k8s.io/v1beta1': '1.25',
  'events.k8s.io/v1beta1': '1.25',
  'node.k8s.io/v1beta1': '1.25',
  'autoscaling/v2beta2': '1.26',
  'flowcontrol.apiserver.k8s.io/v1beta1': '1.26',
  'storage.k8s.io/v1beta1': '1.27',
};
