import {
  parseDeploymentParameters,
  type DeploymentParameters,
  type DeploymentSpec,
} from '@evolution-todo/plugin-evolution-todo-common';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Pod, Secret, Service } from 'kubernetes-models/v1';
import { createRenderContext, type RenderContext } from '../context';
import type { KubernetesObject, ManifestRenderer } from '../manifests/types';

/**
 * Test support for the workload families (not used at runtime): render one
 * family for some parameters, with every object checked against the
 * Kubernetes schema of its kind first.
 */

const MODELS: Record<string, { new (data: any): { validate(): void } }> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Pod': Pod,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/** Throws, naming the object and field, unless kubernetes-models' schema accepts the object. */
export function validateWithModel(object: KubernetesObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) {
    throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
  }
  try {
    new Model(object).validate();
  } catch (error) {
    throw new Error(
      `${object.kind}/${object.metadata.name} is not schema-valid: ${
        (error as Error).message
      }`,
    );
  }
}

export interface Rendered {
  spec: DeploymentSpec;
  ctx: RenderContext;
  objects: any[];
  files: string[];
  /** The object of a kind and name; fails the test when there is none. */
  get(kind: string, name: string): any;
  ofKind(kind: string): any[];
}

export function renderFamily(
  renderer: ManifestRenderer,
  parameters: DeploymentParameters,
): Rendered {
  const spec = parseDeploymentParameters(parameters);
  const ctx = createRenderContext(spec);
  const placed = renderer(ctx);
  const objects = placed.map(p => {
    validateWithModel(p.object);
    return p.object as any;
  });
  return {
    spec,
    ctx,
    objects,
    files: placed.map(p => p.file),
    get(kind, name) {
      const found = objects.find(
        o => o.kind === kind && o.metadata.name === name,
      );
      if (!found) {
        throw new Error(
          `no ${kind}/${name} among ${objects
            .map(o => `${o.kind}/${o.metadata.name}`)
            .join(', ')}`,
        );
      }
      return found;
    },
    ofKind: kind => objects.filter(o => o.kind === kind),
  };
}

/** Does a matchLabels selector select these labels? */
export function selects(
  selector: Record<string, string>,
  labels: Record<string, string> = {},
): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
