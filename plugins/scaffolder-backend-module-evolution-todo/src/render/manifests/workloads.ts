import {
  APP_COMPONENTS,
  appImageOf,
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
import {
  containerEnv,
  podAnnotations,
  podLabels,
  podPlacement,
} from './podSettings';
import type { KubernetesObject, ManifestRenderer } from './types';
import {
  APP_PROBE_PATHS,
  APP_TERMINATION_GRACE_SECONDS,
  NEXT_CACHE_DIR,
  PRE_STOP_SLEEP_SECONDS,
} from '../conventions/workloads';

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

function appContainer(
  ctx: RenderContext,
  component: AppComponent,
  color: Color | undefined,
): IContainer {
  const { spec } = ctx;
  const env = containerEnv(
    spec[component],
    component === 'backend'
      ? [postgresPasswordEnv(spec, 'DATABASE_PASSWORD')]
      : [],
  );
  return {
    name: component,
    image: appImageOf(spec, component, color),
    imagePullPolicy: IMAGE_PULL_POLICY,
    ports: [
      {
        name: 'http',
        containerPort: COMPONENT_PORTS[component],
        protocol: 'TCP',
      },
    ],
    envFrom: [{ configMapRef: { name: ctx.name(component) } }],
    ...(env ? { env } : {}),
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
 * Blue-green: whether a colour's pods run. The active colour always; the idle
 * one only with `rollout.keepIdleWarm` (to check a new version through its own
 * Services before a switch, and to switch back at once after one).
 */
export function colorRunning(ctx: RenderContext, color: Color): boolean {
  const { rollout } = ctx.spec;
  return color === rollout.activeColor || rollout.keepIdleWarm;
}

/**
 * How many replicas a Deployment states: none when its HPA owns the count (a
 * running Deployment with autoscaling on), 0 for a colour that does not run.
 * A running colour's field never flips between stated and unstated, so no
 * upgrade resets a serving colour: Helm 3's three-way patch deletes a field
 * that leaves the manifest, and the API server then defaults it to 1.
 */
export function statedReplicas(
  ctx: RenderContext,
  component: AppComponent,
  running: boolean,
): number | undefined {
  if (!running) {
    return 0;
  }
  const settings = ctx.spec[component];
  return settings.autoscaling.enabled ? undefined : settings.replicas;
}

function appDeployment(
  ctx: RenderContext,
  component: AppComponent,
  color: Color | undefined,
  running: boolean,
): KubernetesObject {
  const name = color
    ? coloredName(ctx.release, component, color)
    : ctx.name(component);
  const replicas = statedReplicas(ctx, component, running);
  const settings = ctx.spec[component];
  return new Deployment({
    metadata: ctx.metadata(name, component, color),
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: ctx.selector(component, color) },
      strategy: rollingUpdateStrategy(),
      template: {
        metadata: {
          labels: podLabels(settings, ctx.labels(component, color)),
          annotations: podAnnotations(settings, {
            [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(ctx, component),
          }),
        },
        spec: {
          ...podIdentity(ctx),
          ...podPlacement(settings),
          securityContext: podSecurityContext(),
          // Longer than the preStop sleep plus the time to finish in-flight requests.
          terminationGracePeriodSeconds: APP_TERMINATION_GRACE_SECONDS,
          topologySpreadConstraints: topologySpread(ctx, component, color),
          containers: [appContainer(ctx, component, color)],
          volumes: writablePaths(component).map(p => p.volume),
        },
      },
    },
  }).toJSON() as KubernetesObject;
}

/**
 * The Deployments of the app services. Rolling: `<release>-<component>`.
 * Blue-green: `<release>-<component>-blue|green`, each with its colour's image
 * tag and its pods labelled with their colour; the idle colour at 0 replicas
 * unless kept warm. Twin of the chart's templates/deployments/_app.tpl.
 */
export const renderAppDeployments: ManifestRenderer = ctx => {
  const { rollout } = ctx.spec;
  return APP_COMPONENTS.flatMap(component => {
    const file = `deployments/${component}.yaml`;
    if (rollout.strategy === 'blue-green') {
      return COLORS.map(color => ({
        file,
        object: appDeployment(ctx, component, color, colorRunning(ctx, color)),
      }));
    }
    return [{ file, object: appDeployment(ctx, component, undefined, true) }];
  });
};
