import type { RenderContext } from '../context';

/** A Kubernetes object as it is written to YAML (and read back by the deploy action). */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** An object and the k8s/ file it goes to (relative to k8s/, e.g. "deployments/backend.yaml"). */
export interface PlacedObject {
  file: string;
  object: KubernetesObject;
}

/** One artifact family (workloads, services, ingress, autoscaling, monitoring...). */
export type ManifestRenderer = (ctx: RenderContext) => PlacedObject[];
