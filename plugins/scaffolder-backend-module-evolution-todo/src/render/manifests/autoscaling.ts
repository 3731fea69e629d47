import {
  HorizontalPodAutoscaler,
  type IMetricSpec,
} from 'kubernetes-models/autoscaling/v2';
import {
  APP_COMPONENTS,
  coloredName,
  type AppComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import { hpaBehavior } from '../autoscalingBehavior';
import type { RenderContext } from '../context';
import type { KubernetesObject, ManifestRenderer, PlacedObject } from './types';

function utilization(resource: 'cpu' | 'memory', percent: number): IMetricSpec {
  return {
    type: 'Resource',
    resource: {
      name: resource,
      target: { type: 'Utilization', averageUtilization: percent },
    },
  };
}

/** The Deployment the HPA scales: with blue-green, the active colour's. */
export function scaleTargetName(
  ctx: RenderContext,
  component: AppComponent,
): string {
  const { strategy, activeColor } = ctx.spec.rollout;
  return strategy === 'blue-green'
    ? coloredName(ctx.release, component, activeColor)
    : ctx.name(component);
}

function hpa(ctx: RenderContext, component: AppComponent): PlacedObject {
  const autoscaling = ctx.spec[component].autoscaling;
  const memory = autoscaling.targetMemoryUtilizationPercentage;
  const object = new HorizontalPodAutoscaler({
    metadata: ctx.metadata(ctx.name(component), component),
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: scaleTargetName(ctx, component),
      },
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
 * One HorizontalPodAutoscaler (autoscaling/v2) per app service whose
 * autoscaling is enabled: the backend by default. Labelled like every object,
 * so the Backstage Kubernetes plugin lists it. Twin of the chart's templates/hpa.yaml.
 */
export const renderAutoscaling: ManifestRenderer = ctx =>
  APP_COMPONENTS.filter(
    component => ctx.spec[component].autoscaling.enabled,
  ).map(component => hpa(ctx, component));
