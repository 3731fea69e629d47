import type { KubernetesObject } from '../render/manifests/types';

/** A Kubernetes object read from the rendered manifests, as the deploy action applies it. */
export type ManifestObject = KubernetesObject;

/** An object together with where it came from, so errors can point at the file. */
export interface SourcedObject {
  object: ManifestObject;
  /** Workspace-relative file path and document number, e.g. "k8s/services.yaml#2". */
  source: string;
}

/** "Deployment todo/backend" or "Namespace todo": how objects are named in logs and errors. */
export function describeObject(object: {
  kind: string;
  metadata: { name: string; namespace?: string };
}): string {
  const { name, namespace } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}
