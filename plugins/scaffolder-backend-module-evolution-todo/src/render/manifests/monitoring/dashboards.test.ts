import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import { createRenderContext } from '../../context';
import {
  DASHBOARD_TOKENS,
  dashboardSources,
  dashboardUidPrefix,
  instantiateDashboard,
  renderDashboards,
} from './dashboards';

const GRAFANA_BUILTIN_VARIABLES = ['__rate_interval', '__interval', '__range'];
const PANEL_TYPES = ['stat', 'timeseries', 'gauge', 'bargauge', 'table', 'row'];

describe.each(dashboardSources().map(s => [s.id, s] as const))(
  'dashboard %s',
  (_id, source) => {
    const json = instantiateDashboard(source, 'apps', 'todo');
    const dashboard = JSON.parse(json);
    const variables: any[] = dashboard.templating.list;

    it('is valid JSON in every form: the source file and each instance', () => {
      expect(() => JSON.parse(source.json)).not.toThrow();
      for (const token of Object.values(DASHBOARD_TOKENS)) {
        expect(json).not.toContain(token);
      }
    });

    it('has a Grafana identity: a uid of at most 40 characters, a title, a schema version', () => {
      expect(dashboard.uid).toBe(
        `${dashboardUidPrefix('apps', 'todo')}-${source.id}`,
      );
      expect(dashboard.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
      expect(dashboard.title).toContain('todo (apps)');
      expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
      expect(dashboard.tags).toContain('evolution-todo');
    });

    it('queries a Prometheus chosen by a data source variable', () => {
      expect(variables).toContainEqual(
        expect.objectContaining({
          name: 'datasource',
          type: 'datasource',
          query: 'prometheus',
        }),
      );
      for (const panel of dashboard.panels) {
        expect(panel.datasource).toEqual({
          type: 'prometheus',
          uid: '${datasource}',
        });
        for (const target of panel.targets) {
          expect(target.datasource).toEqual(panel.datasource);
        }
      }
    });

    it('pins namespace and release as hidden constants', () => {
      for (const [name, value] of [
        ['namespace', 'apps'],
        ['release', 'todo'],
      ]) {
        expect(variables).toContainEqual(
          expect.objectContaining({
            name,
            type: 'constant',
            query: value,
            hide: 2,
          }),
        );
      }
    });

    it('has panels with unique ids, known types, a place on the grid and queries', () => {
      const ids = dashboard.panels.map((p: any) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const panel of dashboard.panels) {
        expect(PANEL_TYPES).toContain(panel.type);
        expect(panel.title).toBeTruthy();
        const { x, y, w, h } = panel.gridPos;
        expect(x + w).toBeLessThanOrEqual(24);
        expect(Math.min(x, y, w, h)).toBeGreaterThanOrEqual(0);
        expect(panel.targets.length).toBeGreaterThan(0);
        const refIds = panel.targets.map((t: any) => t.refId);
        expect(new Set(refIds).size).toBe(refIds.length);
        for (const target of panel.targets) {
          expect(target.expr).toEqual(expect.any(String));
        }
      }
    });

    it('uses only variables it defines', () => {
      const defined = new Set([
        ...variables.map(v => v.name),
        ...GRAFANA_BUILTIN_VARIABLES,
      ]);
      const used = dashboard.panels.flatMap((panel: any) =>
        panel.targets.flatMap((t: any) =>
          [...t.expr.matchAll(/\$\{?(\w+)\}?/g)].map(m => m[1]),
        ),
      );
      expect(used.filter((name: string) => !defined.has(name))).toEqual([]);
    });
  },
);

describe('renderDashboards', () => {
  const render = (name: string, namespace: string) =>
    renderDashboards(
      createRenderContext(parseDeploymentParameters({ name, namespace })),
    ).map(p => p.object as any);

  it('ships the RED, workload, storage, PostgreSQL and Redis dashboards for the Grafana sidecar', () => {
    const configMaps = render('todo', 'apps');
    expect(configMaps.map(c => c.metadata.name).sort()).toEqual([
      'todo-dashboard-application',
      'todo-dashboard-postgres',
      'todo-dashboard-queries',
      'todo-dashboard-redis',
      'todo-dashboard-storage',
      'todo-dashboard-workloads',
    ]);
    for (const configMap of configMaps) {
      expect(configMap.metadata.labels.grafana_dashboard).toBe('1');
      const [key, ...others] = Object.keys(configMap.data);
      expect(others).toEqual([]);
      expect(key).toMatch(/^apps-todo-[a-z-]+\.json$/);
      expect(() => JSON.parse(configMap.data[key])).not.toThrow();
    }
  });

  it('leaves the Redis dashboard out without Redis', () => {
    const configMaps = renderDashboards(
      createRenderContext(
        parseDeploymentParameters({ name: 'todo', redis: { enabled: false } }),
      ),
    ).map(p => p.object as any);
    expect(configMaps.map(c => c.metadata.name)).not.toContain(
      'todo-dashboard-redis',
    );
    expect(configMaps).toHaveLength(dashboardSources().length - 1);
  });

  it('keeps uids, titles and sidecar file names apart across releases and namespaces', () => {
    const identities = (name: string, namespace: string) =>
      render(name, namespace).flatMap(c =>
        Object.entries(c.data as Record<string, string>).map(([key, json]) => {
          const { uid, title } = JSON.parse(json);
          return [key, uid, title];
        }),
      );
    const a = identities('todo', 'apps').flat();
    const b = identities('todo', 'staging').flat();
    const c = identities('shop', 'apps').flat();
    for (const other of [b, c]) {
      expect(a.filter(value => other.includes(value))).toEqual([]);
    }
  });

  it('fits the longest release and namespace into names and uids', () => {
    const configMaps = render('a'.repeat(40), 'b'.repeat(63));
    for (const configMap of configMaps) {
      expect(configMap.metadata.name.length).toBeLessThanOrEqual(63);
      const [key] = Object.keys(configMap.data);
      expect(key.length).toBeLessThanOrEqual(253);
      expect(JSON.parse(configMap.data[key]).uid.length).toBeLessThanOrEqual(
        40,
      );
    }
  });
});
