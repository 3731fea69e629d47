import {
  COMPONENT_PORTS,
  EXPORTER_PORTS,
  type ExporterComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Service, type IEnvVar } from 'kubernetes-models/v1';
import type { RenderContext } from '../../context';
import {
  containerSecurityContext,
  IMAGE_PULL_POLICY,
  podIdentity,
  podSecurityContext,
  postgresPasswordEnv,
  rollingUpdateStrategy,
} from '../podSpec';
import type { KubernetesObject, PlacedObject } from '../types';
import { EXPORTER_RESOURCES } from '../../conventions/monitoring';

interface ExporterWorkload {
  component: ExporterComponent;
  image: string;
  env: IEnvVar[];
  /** A cheap HTTP path for probes: it must not query the data store. */
  probePath: string;
}

/**
 * An exporter runs as its own single-replica Deployment (not a sidecar), so it
 * can be switched off with monitoring and never restarts the data store.
 * Pod security is the chart's restricted profile; the exporters write nothing.
 */
function exporterDeployment(
  ctx: RenderContext,
  workload: ExporterWorkload,
): KubernetesObject {
  const { component } = workload;
  const probe = (periodSeconds: number) => ({
    httpGet: { path: workload.probePath, port: 'metrics' },
    periodSeconds,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
  return new Deployment({
    metadata: ctx.metadata(ctx.name(component), component),
    spec: {
      replicas: 1,
      selector: { matchLabels: ctx.selector(component) },
      strategy: rollingUpdateStrategy(),
      template: {
        metadata: { labels: ctx.labels(component) },
        spec: {
          ...podIdentity(ctx),
          securityContext: podSecurityContext(),
          containers: [
            {
              name: component,
              image: workload.image,
              imagePullPolicy: IMAGE_PULL_POLICY,
              env: workload.env,
              ports: [
                {
                  name: 'metrics',
                  containerPort: EXPORTER_PORTS[component],
                  protocol: 'TCP',
                },
              ],
              livenessProbe: probe(20),
              readinessProbe: probe(10),
              resources: {
                requests: { ...EXPORTER_RESOURCES.requests },
                limits: { ...EXPORTER_RESOURCES.limits },
              },
              securityContext: containerSecurityContext(),
            },
          ],
        },
      },
    },
  }).toJSON() as KubernetesObject;
}

function exporterService(
  ctx: RenderContext,
  component: ExporterComponent,
): KubernetesObject {
  return new Service({
    metadata: ctx.metadata(ctx.name(component), component),
    spec: {
      type: 'ClusterIP',
      selector: ctx.selector(component),
      ports: [
        {
          name: 'metrics',
          port: EXPORTER_PORTS[component],
          targetPort: 'metrics',
          protocol: 'TCP',
        },
      ],
    },
  }).toJSON() as KubernetesObject;
}

function placed(
  ctx: RenderContext,
  workload: ExporterWorkload,
): PlacedObject[] {
  // Not under monitoring/: an exporter needs no CRD and applies to any cluster.
  const file = `exporters/${workload.component}.yaml`;
  return [
    { file, object: exporterDeployment(ctx, workload) },
    { file, object: exporterService(ctx, workload.component) },
  ];
}

/**
 * prometheus-community postgres_exporter, connecting as the application user
 * with the password from the PostgreSQL Secret (the chart's or existingSecret).
 */
function postgresExporter(ctx: RenderContext): ExporterWorkload {
  const { postgres } = ctx.spec;
  return {
    component: 'postgres-exporter',
    image: ctx.spec.images.postgresExporter,
    probePath: '/',
    env: [
      {
        name: 'DATA_SOURCE_URI',
        // In-cluster traffic to the release's own PostgreSQL, which serves no TLS.
        value: `${ctx.name('postgres')}:${COMPONENT_PORTS.postgres}/${
          postgres.database
        }?sslmode=disable`,
      },
      { name: 'DATA_SOURCE_USER', value: postgres.username },
      postgresPasswordEnv(ctx.spec, 'DATA_SOURCE_PASS'),
    ],
  };
}

function redisExporter(ctx: RenderContext): ExporterWorkload {
  return {
    component: 'redis-exporter',
    image: ctx.spec.images.redisExporter,
    probePath: '/health',
    env: [
      {
        name: 'REDIS_ADDR',
        value: `redis://${ctx.name('redis')}:${COMPONENT_PORTS.redis}`,
      },
    ],
  };
}

/** The exporters' Deployments and Services: PostgreSQL always, Redis when it is enabled. */
export function renderExporters(ctx: RenderContext): PlacedObject[] {
  return [
    ...placed(ctx, postgresExporter(ctx)),
    ...(ctx.spec.redis.enabled ? placed(ctx, redisExporter(ctx)) : []),
  ];
}
