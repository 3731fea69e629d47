import {
  APP_COMPONENTS,
  COLORS,
  coloredName,
  COMPONENT_PORTS,
  type AppComponent,
  type Color,
} from '@evolution-todo/plugin-evolution-todo-common';
import { Deployment } from 'kubernetes-models/apps/v1';
import type {
  IContainer,
  IProbe,
  IVolume,
  IVolumeMount,
} from 'kubernetes-models/v1';
import type { RenderContext } from '../context';
import { configChecksum } from './configMaps';
import {
  containerSecurityContext,
  emptyDirVolume,
  IMAGE_PULL_POLICY,
  podIdentity,
  podSecurityContext,
  postgresPasswordEnv,
  rollingUpdateStrategy,
  topologySpread,
} from './podSpec';
import type { KubernetesObject, ManifestRenderer } from './types';
import {
  APP_PROBE_PATHS,
  APP_TERMINATION_GRACE_SECONDS,
  NEXT_CACHE_DIR,
  PRE_STOP_SLEEP_SECONDS,
} from './workloadConventions';

/** The pod annotation that rolls the pods when their ConfigMap changes. */
export const CONFIG_CHECKSUM_ANNOTATION = 'checksum/config';

const httpGet = (path: string) => ({ httpGet: { path, port: 'http' } });

/**
 * Startup holds liveness back while the app boots (up to 150 s: migrations,
 * Next.js warm-up); liveness checks the process and is patient; readiness
 * checks that the pod can serve (the backend's /readiness checks its
 * database) and reacts fast.
 */
export function appProbes(
  component: AppComponent,
): Pick<IContainer, 'startupProbe' | 'livenessProbe' | 'readinessProbe'> {
  const paths = APP_PROBE_PATHS[component];
  const probe = (path: string, timing: Omit<IProbe, 'httpGet'>): IProbe => ({
    ...httpGet(path),
    ...timing,
  });
  return {
    startupProbe: probe(paths.liveness, {
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 30,
    }),
    livenessProbe: probe(paths.liveness, {
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold: 3,
    }),
    readinessProbe: probe(paths.readiness, {
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 3,
    }),
  };
}

/** Where an app writes: /tmp for all, the Next.js cache for the frontend. */
function writablePaths(component: AppComponent): Array<{
  mount: IVolumeMount;
  volume: IVolume;
}> {
  const paths = [
    {
      mount: { name: 'tmp', mountPath: '/tmp' },
      volume: emptyDirVolume('tmp', '64Mi'),
    },
  ];
  if (component === 'frontend') {
    paths.push({
      mount: { name: 'next-cache', mountPath: NEXT_CACHE_DIR },
      volume: emptyDirVolume('next-cache', '512Mi'),
    });
  }
  return paths;
}

function appContainer(ctx: RenderContext, component: AppComponent): IContainer {
  const { spec } = ctx;
  return {
    name: component,
    image: spec.images[component],
    imagePullPolicy: IMAGE_PULL_POLICY,
    ports: [
      {
        name: 'http',
        containerPort: COMPONENT_PORTS[component],
        protocol: 'TCP',
      },
    ],
    envFrom: [{ configMapRef: { name: ctx.name(component) } }],
    ...(component === 'backend'
      ? { env: [postgresPasswordEnv(spec, 'DATABASE_PASSWORD')] }
      : {}),
    resources: spec[component].resources,
    securityContext: containerSecurityContext(),
    ...appProbes(component),
    // Keep serving while endpoints and ingress controllers stop routing here.
    lifecycle: {
      preStop: { exec: { command: ['sleep', String(PRE_STOP_SLEEP_SECONDS)] } },
    },
    volumeMounts: writablePaths(component).map(p => p.mount),
  };
}

/**
 * How many replicas a Deployment states: none when an HPA owns the count
 * (the active one with autoscaling on), 0 for the idle blue-green colour.
 */
export function statedReplicas(
  ctx: RenderContext,
  component: AppComponent,
  active: boolean,
): number | undefined {
  if (!active) {
    return 0;
  }
  const settings = ctx.spec[component];
  return settings.autoscaling.enabled ? undefined : settings.replicas;
}

function appDeployment(
  ctx: RenderContext,
  component: AppComponent,
  color: Color | undefined,
  active: boolean,
): KubernetesObject {
  const name = color
    ? coloredName(ctx.release, component, color)
    : ctx.name(component);
  const replicas = statedReplicas(ctx, component, active);
  return new Deployment({
    metadata: ctx.metadata(name, component, color),
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: ctx.selector(component, color) },
      strategy: rollingUpdateStrategy(),
      template: {
        metadata: {
          labels: ctx.labels(component, color),
          annotations: {
            [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(ctx, component),
          },
        },
        spec: {
          ...podIdentity(ctx),
          securityContext: podSecurityContext(),
          // Longer than the preStop sleep plus the time to finish in-flight requests.
          terminationGracePeriodSeconds: APP_TERMINATION_GRACE_SECONDS,
          topologySpreadConstraints: topologySpread(ctx, component, color),
          containers: [appContainer(ctx, component)],
          volumes: writablePaths(component).map(p => p.volume),
        },
      },
    },
  }).toJSON() as KubernetesObject;
}

/**
 * The Deployments of the app services. Rolling: `<release>-<component>`.
 * Blue-green: `<release>-<component>-blue|green`, the idle colour at 0
 * replicas and the pods labelled with their colour. Twin of the chart's
 * templates/deployments/_app.tpl.
 */
export const renderAppDeployments: ManifestRenderer = ctx => {
  const { rollout } = ctx.spec;
  return APP_COMPONENTS.flatMap(component => {
    const file = `deployments/${component}.yaml`;
    if (rollout.strategy === 'blue-green') {
      return COLORS.map(color => ({
        file,
        object: appDeployment(
          ctx,
          component,
          color,
          color === rollout.activeColor,
        ),
      }));
    }
    return [{ file, object: appDeployment(ctx, component, undefined, true) }];
  });
};
