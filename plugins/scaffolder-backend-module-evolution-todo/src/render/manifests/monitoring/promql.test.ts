import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import { createRenderContext } from '../../context';
import {
  bracketsBalanced,
  expandDashboardQuery,
  expandGrafanaVariables,
  parsePromQL,
  selectorsOf,
} from './__testUtils__/promql';
import { dashboardSources, instantiateDashboard } from './dashboards';
import {
  APP_HTTP_METRICS,
  DOCUMENTED_METRICS,
  HISTOGRAM_BUCKET_LABEL,
  SCRAPE_TARGET_LABELS,
} from './metrics';
import { alertGroups } from './prometheusRules';

/** Every alert expression for deployments that switch every branch of the rules. */
function allAlertExpressions(): Array<[string, string]> {
  return [
    { name: 'todo' },
    {
      name: 'shop',
      redis: { enabled: false },
      frontend: { autoscaling: { enabled: true } },
      mcp: { autoscaling: { enabled: true } },
    },
  ].flatMap(parameters =>
    alertGroups(createRenderContext(parseDeploymentParameters(parameters)))
      .flatMap(group => group.rules)
      .map(
        rule =>
          [`${parameters.name}: ${rule.alert}`, rule.expr] as [string, string],
      ),
  );
}

function allDashboardQueries(): Array<[string, string]> {
  return dashboardSources().flatMap(source => {
    const dashboard = JSON.parse(instantiateDashboard(source, 'todo', 'todo'));
    return dashboard.panels.flatMap((panel: any) =>
      panel.targets.map(
        (t: { expr: string; refId: string }) =>
          [`${source.id} / ${panel.title} / ${t.refId}`, t.expr] as [
            string,
            string,
          ],
      ),
    );
  });
}

describe('the PromQL parser used here', () => {
  it('rejects broken expressions and unknown functions, and finds metric names', () => {
    expect(parsePromQL('sum(rate(up[5m])').errors).not.toEqual([]);
    expect(parsePromQL('no_such_function(up)').errors).not.toEqual([]);
    expect(parsePromQL('up{job="a"} == 0 and on() pg_up').metrics).toEqual([
      'up',
      'pg_up',
    ]);
    expect(bracketsBalanced('sum(x{a="(}"}[5m])')).toBe(true);
    expect(bracketsBalanced('sum(x[5m)]')).toBe(false);
  });
});

describe('the dashboard query expansion and selector reader used by metricsExposure.test.ts', () => {
  it('expands constants, each option of a custom variable and the interval macros', () => {
    expect(
      expandDashboardQuery(
        'rate(x{job="$release-${service}"}[$__rate_interval])',
        [
          { name: 'datasource', type: 'datasource', query: 'prometheus' },
          { name: 'release', type: 'constant', query: 'todo' },
          { name: 'service', type: 'custom', query: 'backend, mcp' },
        ],
      ),
    ).toEqual([
      'rate(x{job="todo-backend"}[5m])',
      'rate(x{job="todo-mcp"}[5m])',
    ]);
  });

  it('reads each selector with its matchers, quoted label names and escapes included', () => {
    expect(
      selectorsOf(
        'sum by (a) (x{job=~"t-(a|b)", "odd.label"!="v\\"q"}) / on() y',
      ),
    ).toEqual([
      {
        metric: 'x',
        matchers: [
          { label: 'job', op: '=~', value: 't-(a|b)' },
          { label: 'odd.label', op: '!=', value: 'v"q' },
        ],
      },
      { metric: 'y', matchers: [] },
    ]);
  });
});

describe.each([
  ['alert rule', allAlertExpressions()],
  ['dashboard query', allDashboardQueries()],
])('every %s', (_kind, expressions) => {
  it('exists', () => {
    expect(expressions.length).toBeGreaterThan(5);
  });

  it.each(expressions)(
    'parses as PromQL with documented metrics only: %s',
    (_label, expr) => {
      const query = expandGrafanaVariables(expr);
      expect(bracketsBalanced(query)).toBe(true);
      const parsed = parsePromQL(query);
      expect(parsed.errors).toEqual([]);
      expect(parsed.metrics.length).toBeGreaterThan(0);
      const undocumented = parsed.metrics.filter(
        m => !(m in DOCUMENTED_METRICS),
      );
      expect(undocumented).toEqual([]);
    },
  );
});

describe("the queries of the services' HTTP metrics", () => {
  const appSeries = new Set([
    APP_HTTP_METRICS.requests.name,
    `${APP_HTTP_METRICS.duration.name}_bucket`,
  ]);
  const queries = [...allAlertExpressions(), ...allDashboardQueries()].filter(
    ([, expr]) => {
      const { metrics } = parsePromQL(expandGrafanaVariables(expr));
      return metrics.length > 0 && metrics.every(m => appSeries.has(m));
    },
  );

  it('exist in the alerts and the dashboards', () => {
    expect(queries.length).toBeGreaterThan(5);
  });

  it.each(queries)(
    'use only labels the services emit or Prometheus attaches: %s',
    (_label, expr) => {
      const allowed = new Set<string>([
        ...APP_HTTP_METRICS.requests.labels,
        ...APP_HTTP_METRICS.duration.labels,
        HISTOGRAM_BUCKET_LABEL,
        ...SCRAPE_TARGET_LABELS,
      ]);
      const { labels } = parsePromQL(expandGrafanaVariables(expr));
      expect(labels.filter(l => !allowed.has(l))).toEqual([]);
    },
  );
});

it('names dashboard series only by labels their query keeps', () => {
  const legends: Array<{ panel: string; legend: string[]; labels: string[] }> =
    dashboardSources().flatMap(source =>
      JSON.parse(instantiateDashboard(source, 'todo', 'todo')).panels.flatMap(
        (panel: any) =>
          panel.targets.map((t: { expr: string; legendFormat?: string }) => ({
            panel: `${source.id} / ${panel.title}`,
            legend: [
              ...(t.legendFormat ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g),
            ].map(m => m[1]),
            labels: parsePromQL(expandGrafanaVariables(t.expr)).labels,
          })),
      ),
    );
  expect(legends.some(l => l.legend.includes('route'))).toBe(true);
  expect(
    legends.filter(l => l.legend.some(label => !l.labels.includes(label))),
  ).toEqual([]);
});

it('documents no metric that nothing queries', () => {
  const used = new Set(
    [...allAlertExpressions(), ...allDashboardQueries()].flatMap(
      ([, expr]) => parsePromQL(expandGrafanaVariables(expr)).metrics,
    ),
  );
  expect(Object.keys(DOCUMENTED_METRICS).filter(m => !used.has(m))).toEqual([]);
});
