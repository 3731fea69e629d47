import type { DeploymentSpec } from '@evolution-todo/plugin-evolution-todo-common';
import { createRenderContext } from '../context';
import { renderServiceAccount } from './serviceAccount';
import type { ManifestRenderer, PlacedObject } from './types';

/**
 * Every family of raw manifests, in the order a reader meets them.
 * The chart's templates render the same objects.
 */
const RENDERERS: ManifestRenderer[] = [renderServiceAccount];

/** The raw Kubernetes objects of a deployment, each with its k8s/ file. */
export function renderManifests(spec: DeploymentSpec): PlacedObject[] {
  const ctx = createRenderContext(spec);
  return RENDERERS.flatMap(render => render(ctx));
}

export type { KubernetesObject, PlacedObject } from './types';
