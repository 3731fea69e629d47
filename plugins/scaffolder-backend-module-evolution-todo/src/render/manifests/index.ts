import type { DeploymentSpec } from '@evolution-todo/plugin-evolution-todo-common';
import { createRenderContext } from '../context';
import type { RenderedFile } from '../files';
import { renderAutoscaling } from './autoscaling';
import { renderConfigMaps } from './configMaps';
import { renderDataStores } from './dataStores';
import { renderDisruptionBudgets } from './disruptionBudgets';
import { renderHttpRoute } from './httpRoute';
import { renderIngress } from './ingress';
import { renderMonitoring } from './monitoring';
import { renderNetworkPolicies } from './networkPolicies';
import { renderSecretExample } from './secretExample';
import { renderServiceAccount } from './serviceAccount';
import { renderServices } from './services';
import type { ManifestRenderer, PlacedObject } from './types';
import { renderAppDeployments } from './workloads';

/**
 * Every family of raw manifests, in the order a reader meets them.
 * The chart's templates render the same objects.
 */
const RENDERERS: ManifestRenderer[] = [
  renderServiceAccount,
  renderConfigMaps,
  renderAppDeployments,
  renderDataStores,
  renderServices,
  renderIngress,
  renderHttpRoute,
  renderAutoscaling,
  renderMonitoring,
  renderDisruptionBudgets,
  renderNetworkPolicies,
];

/** The raw Kubernetes objects of a deployment, each with its k8s/ file. */
export function renderManifests(spec: DeploymentSpec): PlacedObject[] {
  const ctx = createRenderContext(spec);
  return RENDERERS.flatMap(render => render(ctx));
}

/**
 * Files of k8s/ that hold no applied object: the PostgreSQL Secret's example
 * (the chart generates that Secret; k8s/ must not ship a password).
 */
export function renderManifestExtras(spec: DeploymentSpec): RenderedFile[] {
  return [renderSecretExample(spec)];
}

export type { KubernetesObject, PlacedObject } from './types';
