import {
  COMPONENT_PORTS,
  headlessServiceName,
} from '@evolution-todo/plugin-evolution-todo-common';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import type { IEnvVar, IProbe } from 'kubernetes-models/v1';
import type { RenderContext } from '../context';
import {
  containerSecurityContext,
  emptyDirVolume,
  IMAGE_PULL_POLICY,
  podIdentity,
  podSecurityContext,
  postgresPasswordEnv,
  rollingUpdateStrategy,
} from './podSpec';
import {
  containerEnv,
  podAnnotations,
  podLabels,
  podPlacement,
} from './podSettings';
import type { KubernetesObject, ManifestRenderer, PlacedObject } from './types';
import {
  POSTGRES_PGDATA,
  POSTGRES_TERMINATION_GRACE_SECONDS,
  POSTGRES_VOLUME_DIR,
} from '../conventions/workloads';

type Timing = Omit<IProbe, 'exec'>;

const withAnnotations = (annotations?: Record<string, string>) =>
  annotations ? { annotations } : {};
const withEnv = (env?: IEnvVar[]) => (env ? { env } : {});

/** Startup, liveness and readiness running the same check with different patience. */
function execProbes(command: string[], timings: [Timing, Timing, Timing]) {
  const [startup, liveness, readiness] = timings.map(t => ({
    exec: { command },
    ...t,
  }));
  return {
    startupProbe: startup,
    livenessProbe: liveness,
    readinessProbe: readiness,
  };
}

/**
 * pg_isready over TCP: the first boot's initdb runs a socket-only server,
 * which must not count as up.
 */
export function pgIsReady(ctx: RenderContext): string[] {
  const { postgres } = ctx.spec;
  return [
    'pg_isready',
    '--host',
    '127.0.0.1',
    '--port',
    String(COMPONENT_PORTS.postgres),
    '--username',
    postgres.username,
    '--dbname',
    postgres.database,
  ];
}

/**
 * PostgreSQL, one replica with its own volume, running as the stack's
 * non-root UID: the official image handles an unknown UID (nss_wrapper, temp
 * files in /tmp) as long as PGDATA is writable, so PGDATA is a directory below
 * the volume's root, which initdb creates and may chmod. Twin of the chart's
 * templates/statefulsets/postgres.yaml.
 */
function postgresStatefulSet(ctx: RenderContext): KubernetesObject {
  const { postgres, images } = ctx.spec;
  return new StatefulSet({
    metadata: ctx.metadata(ctx.name('postgres'), 'postgres'),
    spec: {
      serviceName: headlessServiceName(ctx.release),
      replicas: 1,
      selector: { matchLabels: ctx.selector('postgres') },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: {
          labels: podLabels(postgres, ctx.labels('postgres')),
          ...withAnnotations(podAnnotations(postgres)),
        },
        spec: {
          ...podIdentity(ctx),
          ...podPlacement(postgres),
          securityContext: {
            ...podSecurityContext(),
            // Skip the recursive chown of a large data volume when its root already fits.
            fsGroupChangePolicy: 'OnRootMismatch',
          },
          // The image stops with SIGINT (fast shutdown), which checkpoints before it exits.
          terminationGracePeriodSeconds: POSTGRES_TERMINATION_GRACE_SECONDS,
          containers: [
            {
              name: 'postgres',
              image: images.postgres,
              imagePullPolicy: IMAGE_PULL_POLICY,
              ports: [
                {
                  name: 'tcp-postgres',
                  containerPort: COMPONENT_PORTS.postgres,
                  protocol: 'TCP',
                },
              ],
              env: containerEnv(postgres, [
                { name: 'POSTGRES_DB', value: postgres.database },
                { name: 'POSTGRES_USER', value: postgres.username },
                postgresPasswordEnv(ctx.spec, 'POSTGRES_PASSWORD'),
                { name: 'PGDATA', value: POSTGRES_PGDATA },
              ]),
              resources: postgres.resources,
              securityContext: containerSecurityContext(),
              ...execProbes(pgIsReady(ctx), [
                { periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 60 },
                { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
                { periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 3 },
              ]),
              volumeMounts: [
                { name: 'data', mountPath: POSTGRES_VOLUME_DIR },
                { name: 'run', mountPath: '/var/run/postgresql' },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            emptyDirVolume('run', '16Mi'),
            emptyDirVolume('tmp', '64Mi'),
          ],
        },
      },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          // Selector labels only: volumeClaimTemplates cannot change after creation.
          metadata: { name: 'data', labels: ctx.selector('postgres') },
          spec: {
            accessModes: ['ReadWriteOnce'],
            ...(postgres.storageClass
              ? { storageClassName: postgres.storageClass }
              : {}),
            resources: { requests: { storage: postgres.storage } },
          },
        },
      ],
    },
  }).toJSON() as KubernetesObject;
}

/**
 * Redis as a cache: one replica and nothing persisted (no RDB snapshots, no
 * AOF), so the root filesystem stays read-only with an emptyDir as its
 * working directory. Twin of the chart's templates/deployments/redis.yaml.
 */
function redisDeployment(ctx: RenderContext): KubernetesObject {
  const { redis, images } = ctx.spec;
  const port = String(COMPONENT_PORTS.redis);
  return new Deployment({
    metadata: ctx.metadata(ctx.name('redis'), 'redis'),
    spec: {
      replicas: 1,
      selector: { matchLabels: ctx.selector('redis') },
      strategy: rollingUpdateStrategy(),
      template: {
        metadata: {
          labels: podLabels(redis, ctx.labels('redis')),
          ...withAnnotations(podAnnotations(redis)),
        },
        spec: {
          ...podIdentity(ctx),
          ...podPlacement(redis),
          securityContext: podSecurityContext(),
          containers: [
            {
              name: 'redis',
              image: images.redis,
              imagePullPolicy: IMAGE_PULL_POLICY,
              args: [
                'redis-server',
                '--port',
                port,
                '--save',
                '',
                '--appendonly',
                'no',
                '--dir',
                '/data',
              ],
              ...withEnv(containerEnv(redis)),
              ports: [
                {
                  name: 'tcp-redis',
                  containerPort: COMPONENT_PORTS.redis,
                  protocol: 'TCP',
                },
              ],
              resources: redis.resources,
              securityContext: containerSecurityContext(),
              ...execProbes(
                ['redis-cli', '-p', port, 'ping'],
                [
                  { periodSeconds: 2, timeoutSeconds: 3, failureThreshold: 30 },
                  { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
                  { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
                ],
              ),
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
            },
          ],
          volumes: [emptyDirVolume('data', '64Mi')],
        },
      },
    },
  }).toJSON() as KubernetesObject;
}

/** PostgreSQL always; Redis when it is enabled. */
export const renderDataStores: ManifestRenderer = ctx => {
  const placed: PlacedObject[] = [
    { file: 'statefulsets/postgres.yaml', object: postgresStatefulSet(ctx) },
  ];
  if (ctx.spec.redis.enabled) {
    placed.push({
      file: 'deployments/redis.yaml',
      object: redisDeployment(ctx),
    });
  }
  return placed;
};
