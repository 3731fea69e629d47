import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import { createRenderContext } from '../../context';
import {
  bracketsBalanced,
  expandGrafanaVariables,
  parsePromQL,
} from './__testUtils__/promql';
import { dashboardSources, instantiateDashboard } from './dashboards';
import { DOCUMENTED_METRICS } from './metrics';
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

it('documents no metric that nothing queries', () => {
  const used = new Set(
    [...allAlertExpressions(), ...allDashboardQueries()].flatMap(
      ([, expr]) => parsePromQL(expandGrafanaVariables(expr)).metrics,
    ),
  );
  expect(Object.keys(DOCUMENTED_METRICS).filter(m => !used.has(m))).toEqual([]);
});
