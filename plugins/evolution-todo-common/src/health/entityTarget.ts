import { COMPONENTS, type Component } from '../naming/components';
import { ENTITY_ANNOTATIONS, LABELS } from '../naming/labels';

/** What an entity's Kubernetes annotations point at. */
export interface EntityTarget {
  /** The Helm release (the system's kubernetes-id). */
  release: string;
  /** Set for a Component or Resource entity; undefined for the whole System. */
  component?: Component;
  namespace?: string;
}

function parseSelector(selector: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of selector.split(',')) {
    const [key, value] = part.split('=').map(s => s.trim());
    if (key && value !== undefined) labels[key] = value;
  }
  return labels;
}

/**
 * Reads the annotations our catalog entities carry: a Component or Resource has
 * `backstage.io/kubernetes-label-selector: app.kubernetes.io/instance=<release>,app.kubernetes.io/component=<component>`,
 * the System `backstage.io/kubernetes-id: <release>`. Anything else is not ours.
 */
export function describeEntityTarget(
  annotations: Record<string, string> | undefined,
): EntityTarget | undefined {
  if (!annotations) return undefined;
  const namespace =
    annotations[ENTITY_ANNOTATIONS.kubernetesNamespace] || undefined;
  const selector = annotations[ENTITY_ANNOTATIONS.kubernetesLabelSelector];
  if (selector) {
    const labels = parseSelector(selector);
    const release = labels[LABELS.instance];
    const component = labels[LABELS.component];
    if (!release) return undefined;
    if (component === undefined) return { release, namespace };
    return (COMPONENTS as readonly string[]).includes(component)
      ? { release, component: component as Component, namespace }
      : undefined;
  }
  const id = annotations[ENTITY_ANNOTATIONS.kubernetesId];
  return id ? { release: id, namespace } : undefined;
}
