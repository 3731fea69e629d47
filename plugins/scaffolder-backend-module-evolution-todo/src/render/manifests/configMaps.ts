import {
  APP_COMPONENTS,
  COMPONENT_PORTS,
  type AppComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import { ConfigMap } from 'kubernetes-models/v1';
import type { RenderContext } from '../context';
import { goJson, sha256Hex } from './goJson';
import type { KubernetesObject, ManifestRenderer } from './types';
import { DEFAULT_LOG_LEVEL } from '../conventions/workloads';

/**
 * The environment of an app service (everything but the database password,
 * which comes from its Secret). The chart's configmaps/_appconfig.tpl builds
 * the same map.
 */
export function appConfigData(
  ctx: RenderContext,
  component: AppComponent,
): Record<string, string> {
  const { spec } = ctx;
  const backendUrl = `http://${ctx.name('backend')}:${COMPONENT_PORTS.backend}`;
  const data: Record<string, string> = {
    PORT: String(COMPONENT_PORTS[component]),
  };
  switch (component) {
    case 'frontend':
      return {
        ...data,
        // The Next.js standalone server binds to $HOSTNAME, which Kubernetes sets to the pod name.
        HOSTNAME: '0.0.0.0',
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        BACKEND_URL: backendUrl,
      };
    case 'backend':
      return {
        ...data,
        LOG_LEVEL: DEFAULT_LOG_LEVEL,
        DATABASE_HOST: ctx.name('postgres'),
        DATABASE_PORT: String(COMPONENT_PORTS.postgres),
        DATABASE_NAME: spec.postgres.database,
        DATABASE_USER: spec.postgres.username,
        ...(spec.redis.enabled
          ? {
              REDIS_URL: `redis://${ctx.name('redis')}:${
                COMPONENT_PORTS.redis
              }/0`,
            }
          : {}),
      };
    default:
      return { ...data, LOG_LEVEL: DEFAULT_LOG_LEVEL, BACKEND_URL: backendUrl };
  }
}

/**
 * The pods' checksum/config annotation: sha256 of the configuration as Helm's
 * toJson writes it, so a configuration change rolls the pods in the chart and
 * in k8s/ alike.
 */
export function configChecksum(
  ctx: RenderContext,
  component: AppComponent,
): string {
  return sha256Hex(goJson(appConfigData(ctx, component)));
}

/** One ConfigMap per app service, `<release>-<component>`, read with envFrom. */
export const renderConfigMaps: ManifestRenderer = ctx =>
  APP_COMPONENTS.map(component => ({
    file: `configmaps/${component}.yaml`,
    object: new ConfigMap({
      metadata: ctx.metadata(ctx.name(component), component),
      data: appConfigData(ctx, component),
    }).toJSON() as KubernetesObject,
  }));
