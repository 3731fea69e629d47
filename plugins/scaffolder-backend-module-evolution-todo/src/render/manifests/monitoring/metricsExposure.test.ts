import {
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import { createRenderContext, type RenderContext } from '../../context';
import { renderDataStores } from '../dataStores';
import {
  expandDashboardQuery,
  matches,
  selectorsOf,
  type Selector,
} from './__testUtils__/promql';
import { renderDashboards } from './dashboards';
import {
  DOCUMENTED_METRICS,
  EXPORTER_VERSIONS_CHECKED,
  METRIC_ORIGINS,
  SCRAPE_TARGET_LABELS,
} from './metrics';
import { alertGroups } from './prometheusRules';
import { scrapeTargets } from './targets';

/**
 * Every metric a dashboard panel or an alert rule queries must be exposed by
 * something Prometheus scrapes for that deployment: one of our scrape targets
 * (the starter services, the exporters: ServiceMonitors from targets.ts) or a
 * job kube-prometheus-stack runs itself (kubelet, cAdvisor,
 * kube-state-metrics), as metrics.ts lists them. A selector's `job` matcher
 * must name a job that has the metric, and its other matchers labels the
 * metric carries. Failures name the dashboard / panel or the alert.
 */

const DEPLOYMENTS: Record<string, DeploymentParameters> = {
  defaults: { name: 'todo' },
  'redis off, other namespace': {
    name: 'shop',
    namespace: 'apps',
    redis: { enabled: false },
  },
  'every app autoscaled': {
    name: 'big',
    frontend: { autoscaling: { enabled: true } },
    mcp: { autoscaling: { enabled: true } },
  },
};

interface Query {
  /** "dashboard storage / Free space / A" or "alert EvolutionTodoJobDown". */
  where: string;
  expr: string;
}

function alertQueries(ctx: RenderContext): Query[] {
  return alertGroups(ctx)
    .flatMap(group => group.rules)
    .map(rule => ({ where: `alert ${rule.alert}`, expr: rule.expr }));
}

/** Every panel query of the dashboards the deployment ships, variables expanded. */
function dashboardQueries(ctx: RenderContext): Query[] {
  return renderDashboards(ctx).flatMap(({ object }) =>
    Object.values(object.data as Record<string, string>).flatMap(json => {
      const dashboard = JSON.parse(json);
      const id = String(dashboard.uid).split('-').slice(2).join('-');
      return dashboard.panels.flatMap((panel: any) =>
        panel.targets.flatMap((target: { refId: string; expr: string }) =>
          expandDashboardQuery(target.expr, dashboard.templating.list).map(
            expr => ({
              where: `dashboard ${id} / ${panel.title} / ${target.refId}`,
              expr,
            }),
          ),
        ),
      );
    }),
  );
}

/** What is wrong with one selector of a query, or nothing. */
function selectorProblems(ctx: RenderContext, selector: Selector): string[] {
  const documented = DOCUMENTED_METRICS[selector.metric];
  if (!documented) {
    return [
      `unknown metric ${selector.metric}: no target or cluster job listed in metrics.ts exposes it`,
    ];
  }
  const origin = METRIC_ORIGINS[documented.source];
  const scraped = scrapeTargets(ctx.spec).map(t => t.component);
  const problems: string[] = [];

  // The jobs that have this metric for this deployment.
  let jobs: string[];
  if (origin.kind === 'targets') {
    const exposing = origin.components.filter(c => scraped.includes(c));
    if (exposing.length === 0) {
      problems.push(
        `${selector.metric} comes from ${origin.components.join(
          ', ',
        )}, which this deployment does not scrape`,
      );
    }
    jobs = exposing.map(c => ctx.name(c));
  } else if (origin.kind === 'every-target') {
    jobs = scraped.map(c => ctx.name(c));
  } else {
    jobs = [origin.job];
  }
  for (const matcher of selector.matchers.filter(m => m.label === 'job')) {
    if (!jobs.some(job => matches(matcher, job))) {
      problems.push(
        `${selector.metric}{job${matcher.op}"${
          matcher.value
        }"} matches no job that has it (${jobs.join(', ') || 'none'})`,
      );
    }
  }

  if (documented.labels) {
    const known = new Set<string>([
      ...documented.labels,
      ...SCRAPE_TARGET_LABELS,
    ]);
    for (const matcher of selector.matchers) {
      if (!known.has(matcher.label)) {
        problems.push(`${selector.metric} has no label ${matcher.label}`);
      }
    }
  }
  return problems;
}

describe.each(Object.entries(DEPLOYMENTS))(
  'deployment %s',
  (_label, parameters) => {
    const ctx = createRenderContext(parseDeploymentParameters(parameters));
    const queries = [...alertQueries(ctx), ...dashboardQueries(ctx)];

    it('has alert and dashboard queries to check', () => {
      expect(queries.some(q => q.where.startsWith('alert '))).toBe(true);
      expect(queries.some(q => q.where.startsWith('dashboard '))).toBe(true);
    });

    it('queries only metrics a scraped target or cluster job exposes, with its jobs and labels', () => {
      const problems = queries.flatMap(query => {
        const selectors = selectorsOf(query.expr);
        const found = selectors.length > 0 ? [] : ['no metric at all'];
        return [
          ...found,
          ...selectors.flatMap(s => selectorProblems(ctx, s)),
        ].map(problem => `${query.where}: ${problem}`);
      });
      expect(problems).toEqual([]);
    });
  },
);

describe('the check itself', () => {
  const ctx = createRenderContext(
    parseDeploymentParameters({ name: 'todo', redis: { enabled: false } }),
  );
  const problemsOf = (expr: string) =>
    selectorsOf(expr).flatMap(s => selectorProblems(ctx, s));

  it('names an unknown metric', () => {
    expect(problemsOf('rate(pg_stat_statements_calls_total[5m])')).toEqual([
      'unknown metric pg_stat_statements_calls_total: no target or cluster job listed in metrics.ts exposes it',
    ]);
  });

  it('refuses a metric of a target this deployment does not scrape', () => {
    expect(problemsOf('redis_up{namespace="todo"}')).toEqual([
      'redis_up comes from redis-exporter, which this deployment does not scrape',
    ]);
  });

  it('refuses a job that does not have the metric, and a label it does not carry', () => {
    expect(
      problemsOf(
        'pg_up{job="todo-backend"} + on() kubelet_volume_stats_used_bytes{job="kube-state-metrics", datname="x"}',
      ),
    ).toEqual([
      'pg_up{job="todo-backend"} matches no job that has it (todo-postgres-exporter)',
      'kubelet_volume_stats_used_bytes{job="kube-state-metrics"} matches no job that has it (kubelet)',
      'kubelet_volume_stats_used_bytes has no label datname',
    ]);
  });

  it('accepts up for every scraped job, by regex too', () => {
    expect(
      problemsOf('up{job=~"todo-(backend|mcp|postgres-exporter)"}'),
    ).toEqual([]);
  });
});

it('lists the exporter releases the deployed images run', () => {
  const { images } = parseDeploymentParameters({ name: 'todo' });
  const tagOf = (image: string) => image.split(':')[1].replace(/-alpine$/, '');
  expect({
    postgres: tagOf(images.postgresExporter),
    redis: tagOf(images.redisExporter),
  }).toEqual(EXPORTER_VERSIONS_CHECKED);
});

it("the storage dashboard's PVC pattern selects the PostgreSQL StatefulSet's claims", () => {
  const ctx = createRenderContext(
    parseDeploymentParameters({ name: 'todo', namespace: 'apps' }),
  );
  const statefulSet = renderDataStores(ctx)
    .map(p => p.object as any)
    .find(o => o.kind === 'StatefulSet');
  // A StatefulSet names each claim <template>-<statefulset>-<ordinal>.
  const claims = statefulSet.spec.volumeClaimTemplates.map(
    (t: any) => `${t.metadata.name}-${statefulSet.metadata.name}-0`,
  );
  const pvcMatchers = dashboardQueries(ctx)
    .filter(q => q.where.startsWith('dashboard storage '))
    .flatMap(q => selectorsOf(q.expr))
    .flatMap(s => s.matchers.filter(m => m.label === 'persistentvolumeclaim'));
  expect(pvcMatchers.length).toBeGreaterThan(5);
  for (const matcher of pvcMatchers) {
    expect(claims.filter((c: string) => matches(matcher, c))).toEqual(claims);
    expect(matches(matcher, 'data-my-todo-postgres-0')).toBe(false);
  }
});
