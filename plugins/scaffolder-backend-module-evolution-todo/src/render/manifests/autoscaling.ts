import {
  HorizontalPodAutoscaler,
  type IMetricSpec,
} from 'kubernetes-models/autoscaling/v2';
import {
  APP_COMPONENTS,
  COLORS,
  coloredName,
  type AppComponent,
  type Color,
} from '@evolution-todo/plugin-evolution-todo-common';
import { hpaBehavior } from '../autoscalingBehavior';
import type { RenderContext } from '../context';
import type { KubernetesObject, ManifestRenderer, PlacedObject } from './types';
import { colorRunning } from './workloads';

function utilization(resource: 'cpu' | 'memory', percent: number): IMetricSpec {
  return {
    type: 'Resource',
    resource: {
      name: resource,
      target: { type: 'Utilization', averageUtilization: percent },
    },
  };
}

/** The HPA of a Deployment shares its name: `<release>-<component>[-<colour>]`. */
function hpa(
  ctx: RenderContext,
  component: AppComponent,
  color?: Color,
): PlacedObject {
  const autoscaling = ctx.spec[component].autoscaling;
  const memory = autoscaling.targetMemoryUtilizationPercentage;
  const name = color
    ? coloredName(ctx.release, component, color)
    : ctx.name(component);
  const object = new HorizontalPodAutoscaler({
    metadata: ctx.metadata(name, component),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: autoscaling.minReplicas,
      maxReplicas: autoscaling.maxReplicas,
      metrics: [
        utilization('cpu', autoscaling.targetCPUUtilizationPercentage),
        ...(memory === undefined ? [] : [utilization('memory', memory)]),
      ],
      behavior: hpaBehavior(),
    },
  });
  return { file: 'hpa.yaml', object: object.toJSON() as KubernetesObject };
}

/**
 * One HorizontalPodAutoscaler (autoscaling/v2) per app Deployment whose
 * autoscaling is enabled (the backend by default) and whose pods run: with
 * blue-green one per running colour, so a colour kept warm for a switch is
 * already at the minimum when traffic reaches it. Labelled like every object,
 * so the Backstage Kubernetes plugin lists it. Twin of the chart's templates/hpa.yaml.
 */
export const renderAutoscaling: ManifestRenderer = ctx =>
  APP_COMPONENTS.filter(
    component => ctx.spec[component].autoscaling.enabled,
  ).flatMap(component =>
    ctx.spec.rollout.strategy === 'blue-green'
      ? COLORS.filter(color => colorRunning(ctx, color)).map(color =>
          hpa(ctx, component, color),
        )
      : [hpa(ctx, component)],
  );
