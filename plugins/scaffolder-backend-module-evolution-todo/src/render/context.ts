import {
  commonLabels,
  componentName,
  selectorLabels,
  type Color,
  type DeploymentSpec,
  type LabelledComponent,
} from '@evolution-todo/plugin-evolution-todo-common';

/**
 * What every renderer needs besides the spec: names, labels and metadata built
 * by the shared conventions, so no renderer spells a label itself.
 */
export interface RenderContext {
  spec: DeploymentSpec;
  release: string;
  namespace: string;
  name(component: LabelledComponent): string;
  labels(component?: LabelledComponent, color?: Color): Record<string, string>;
  selector(component: LabelledComponent, color?: Color): Record<string, string>;
  /** metadata for a namespaced object of a component (or of the release, without one). */
  metadata(
    name: string,
    component?: LabelledComponent,
    color?: Color,
  ): {
    name: string;
    namespace: string;
    labels: Record<string, string>;
  };
}

export function createRenderContext(spec: DeploymentSpec): RenderContext {
  // A blue-green colour's objects carry that colour's version.
  const labelContext = (color?: Color) => ({
    release: spec.name,
    version: color ? spec.rollout[color].imageTag : spec.imageTag,
    chartVersion: spec.chartVersion,
  });
  return {
    spec,
    release: spec.name,
    namespace: spec.namespace,
    name: component => componentName(spec.name, component),
    labels: (component, color) =>
      commonLabels(labelContext(color), component, color),
    selector: (component, color) => selectorLabels(spec.name, component, color),
    metadata: (name, component, color) => ({
      name,
      namespace: spec.namespace,
      labels: commonLabels(labelContext(color), component, color),
    }),
  };
}
