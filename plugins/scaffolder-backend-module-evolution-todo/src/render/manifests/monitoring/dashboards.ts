import { ConfigMap } from 'kubernetes-models/v1';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RenderContext } from '../../context';
import { chartSourceDir } from '../../conventions/chartSource';
import type { KubernetesObject, PlacedObject } from '../types';

/**
 * Grafana dashboards live once, as JSON in the chart's dashboards/ folder: the
 * chart embeds them with .Files.Get and this renderer reads the same files.
 * Both replace the same tokens with plain string replacement (the values are
 * DNS labels and hex, so no JSON escaping is needed), which keeps the output
 * byte-identical on both sides.
 */
export const DASHBOARD_TOKENS = {
  release: '__RELEASE__',
  namespace: '__NAMESPACE__',
  /** Grafana uids are at most 40 characters: a hash of namespace/release keeps them short and unique. */
  uidPrefix: '__UID_PREFIX__',
} as const;

/** The label kube-prometheus-stack's Grafana sidecar looks for by default. */
export const GRAFANA_DASHBOARD_LABEL = { grafana_dashboard: '1' } as const;

export interface DashboardSource {
  /** The file name without .json: "application", "postgres"... */
  id: string;
  json: string;
}

let sources: DashboardSource[] | undefined;

/** Every dashboard of the chart, sorted by id; read once per process. */
export function dashboardSources(): DashboardSource[] {
  if (!sources) {
    const dir = path.join(chartSourceDir(), 'dashboards');
    sources = fs
      .readdirSync(dir)
      .filter(file => file.endsWith('.json'))
      .sort()
      .map(file => ({
        id: file.slice(0, -'.json'.length),
        json: fs.readFileSync(path.join(dir, file), 'utf8'),
      }));
  }
  return sources;
}

/** `et-` and ten hex digits of sha256("<namespace>/<release>"); the chart computes the same. */
export function dashboardUidPrefix(namespace: string, release: string): string {
  const hash = createHash('sha256')
    .update(`${namespace}/${release}`)
    .digest('hex');
  return `et-${hash.slice(0, 10)}`;
}

/** A dashboard's JSON for one deployment; trailing newlines go, as in the chart's `|-` block. */
export function instantiateDashboard(
  source: DashboardSource,
  namespace: string,
  release: string,
): string {
  return source.json
    .replaceAll(DASHBOARD_TOKENS.release, release)
    .replaceAll(DASHBOARD_TOKENS.namespace, namespace)
    .replaceAll(
      DASHBOARD_TOKENS.uidPrefix,
      dashboardUidPrefix(namespace, release),
    )
    .replace(/\n+$/, '');
}

/** Dashboards of a data store that can be switched off ship only with it. */
export const DASHBOARD_REQUIRES: Record<
  string,
  (ctx: RenderContext) => boolean
> = {
  // The chart's dashboards.yaml spells the same condition.
  redis: ctx => ctx.spec.redis.enabled,
};

function dashboardApplies(ctx: RenderContext, source: DashboardSource) {
  return DASHBOARD_REQUIRES[source.id]?.(ctx) ?? true;
}

/**
 * One ConfigMap per dashboard. The data key names the file the sidecar writes
 * into Grafana's shared dashboards folder, so it carries namespace and release:
 * two releases must not overwrite each other's files.
 */
export function renderDashboards(ctx: RenderContext): PlacedObject[] {
  return dashboardSources()
    .filter(source => dashboardApplies(ctx, source))
    .map(source => ({
      // Plain ConfigMaps, so not under monitoring/: they apply to any cluster.
      file: 'dashboards.yaml',
      object: new ConfigMap({
        metadata: {
          ...ctx.metadata(`${ctx.release}-dashboard-${source.id}`),
          labels: { ...ctx.labels(), ...GRAFANA_DASHBOARD_LABEL },
        },
        data: {
          [`${ctx.namespace}-${ctx.release}-${source.id}.json`]:
            instantiateDashboard(source, ctx.namespace, ctx.release),
        },
      }).toJSON() as KubernetesObject,
    }));
}
