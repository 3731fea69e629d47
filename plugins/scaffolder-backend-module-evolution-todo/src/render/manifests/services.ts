import {
  APP_COMPONENTS,
  COLORS,
  coloredName,
  COMPONENT_PORTS,
  headlessServiceName,
  type Color,
  type Component,
} from '@evolution-todo/plugin-evolution-todo-common';
import { Service } from 'kubernetes-models/v1';
import type { RenderContext } from '../context';
import type { KubernetesObject, ManifestRenderer, PlacedObject } from './types';

interface ServiceOptions {
  name: string;
  component: Component;
  /** The port name; it is also the container port the Service targets. */
  portName: string;
  /** Blue-green: the colour the Service sends traffic to. */
  color?: Color;
  /** Blue-green: a colour's own Service, labelled with that colour. */
  ofColor?: boolean;
  /** A headless Service, for the stable DNS names of a StatefulSet's pods. */
  headless?: boolean;
}

function service(
  ctx: RenderContext,
  options: ServiceOptions,
): KubernetesObject {
  const { name, component, portName, color, headless, ofColor } = options;
  return new Service({
    metadata: ctx.metadata(name, component, ofColor ? color : undefined),
    spec: {
      type: 'ClusterIP',
      // Headless: DNS for the pod as soon as it exists, as StatefulSet peers expect.
      ...(headless
        ? { clusterIP: 'None', publishNotReadyAddresses: true }
        : {}),
      selector: ctx.selector(component, color),
      ports: [
        {
          name: portName,
          port: COMPONENT_PORTS[component],
          targetPort: portName,
          protocol: 'TCP',
        },
      ],
    },
  }).toJSON() as KubernetesObject;
}

/**
 * The Services: one per app (port `http`; with blue-green it selects the
 * active colour, and each colour has its own `<release>-<component>-<colour>`
 * to check it before and after a switch), PostgreSQL's headless and client
 * Services, and Redis'. Twin of the chart's templates/services/.
 */
export const renderServices: ManifestRenderer = ctx => {
  const { rollout, redis } = ctx.spec;
  const activeColor =
    rollout.strategy === 'blue-green' ? rollout.activeColor : undefined;
  const placed: PlacedObject[] = APP_COMPONENTS.flatMap(component => [
    {
      file: `services/${component}.yaml`,
      object: service(ctx, {
        name: ctx.name(component),
        component,
        portName: 'http',
        color: activeColor,
      }),
    },
    ...(activeColor
      ? COLORS.map(color => ({
          file: `services/${component}.yaml`,
          object: service(ctx, {
            name: coloredName(ctx.release, component, color),
            component,
            portName: 'http',
            color,
            ofColor: true,
          }),
        }))
      : []),
  ]);
  const postgres = { component: 'postgres' as const, portName: 'tcp-postgres' };
  placed.push(
    {
      file: 'services/postgres.yaml',
      object: service(ctx, {
        ...postgres,
        name: headlessServiceName(ctx.release),
        headless: true,
      }),
    },
    {
      file: 'services/postgres.yaml',
      object: service(ctx, { ...postgres, name: ctx.name('postgres') }),
    },
  );
  if (redis.enabled) {
    placed.push({
      file: 'services/redis.yaml',
      object: service(ctx, {
        name: ctx.name('redis'),
        component: 'redis',
        portName: 'tcp-redis',
      }),
    });
  }
  return placed;
};
