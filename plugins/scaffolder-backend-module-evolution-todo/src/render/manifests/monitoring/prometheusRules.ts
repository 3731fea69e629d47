import { APP_COMPONENTS } from '@evolution-todo/plugin-evolution-todo-common';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import type { RenderContext } from '../../context';
import type { KubernetesObject, PlacedObject } from '../types';
import { prometheusMetadata } from './labels';
import { OPERATOR_MANIFESTS_FOLDER } from './operator';
import { ALERT_THRESHOLDS } from '../../conventions/monitoring';
import { scrapeTargets } from './targets';

export type Severity = 'critical' | 'warning';

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: Severity };
  annotations: { summary: string; description: string };
}

export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/**
 * The alerts of one deployment, scoped to its namespace and jobs (a job is the
 * scraped Service's name). Annotations use Prometheus' own templating
 * ({{ $labels.x }}, {{ $value }}); the chart escapes it from Helm.
 */
export function alertGroups(ctx: RenderContext): RuleGroup[] {
  const ns = ctx.namespace;
  const backend = `namespace="${ns}", job="${ctx.name('backend')}"`;
  const jobs = scrapeTargets(ctx.spec).map(t => t.component);
  const scraped = `namespace="${ns}", job=~"${ctx.release}-(${jobs.join(
    '|',
  )})"`;
  const { errorRatio, latencyP99Seconds, targetsDownRatio } = ALERT_THRESHOLDS;

  const groups: RuleGroup[] = [
    {
      name: `evolution-todo.${ctx.release}.backend`,
      rules: [
        {
          alert: 'EvolutionTodoBackendHighErrorRatio',
          expr: [
            `sum by (namespace, job) (rate(http_requests_total{${backend}, status=~"5.."}[5m]))`,
            '/',
            `sum by (namespace, job) (rate(http_requests_total{${backend}}[5m]))`,
            `> ${errorRatio}`,
          ].join('\n'),
          for: '5m',
          labels: { severity: 'critical' },
          annotations: {
            summary: `Backend 5xx error ratio is above ${percent(errorRatio)}`,
            description:
              '{{ $value | humanizePercentage }} of the requests to {{ $labels.job }} in {{ $labels.namespace }} failed with a 5xx status over the last 5 minutes.',
          },
        },
        {
          alert: 'EvolutionTodoBackendHighLatency',
          expr: [
            `histogram_quantile(0.99, sum by (namespace, job, le) (rate(http_request_duration_seconds_bucket{${backend}}[5m])))`,
            `> ${latencyP99Seconds}`,
          ].join('\n'),
          for: '10m',
          labels: { severity: 'warning' },
          annotations: {
            summary: `Backend p99 latency is above ${latencyP99Seconds}s`,
            description:
              'The 99th percentile request duration of {{ $labels.job }} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}.',
          },
        },
      ],
    },
    {
      name: `evolution-todo.${ctx.release}.availability`,
      rules: [
        {
          alert: 'EvolutionTodoTargetsDown',
          expr: [
            `count by (namespace, job) (up{${scraped}} == 0)`,
            '/',
            `count by (namespace, job) (up{${scraped}})`,
            `> ${targetsDownRatio}`,
          ].join('\n'),
          for: '10m',
          labels: { severity: 'warning' },
          annotations: {
            summary: 'Some scrape targets of {{ $labels.job }} are down',
            description:
              '{{ $value | humanizePercentage }} of the {{ $labels.job }} targets in {{ $labels.namespace }} cannot be scraped.',
          },
        },
        {
          alert: 'EvolutionTodoJobDown',
          expr: `max by (namespace, job) (up{${scraped}}) == 0`,
          for: '5m',
          labels: { severity: 'critical' },
          annotations: {
            summary: '{{ $labels.job }} is down',
            description:
              'Prometheus cannot scrape any target of {{ $labels.job }} in {{ $labels.namespace }}.',
          },
        },
        {
          alert: 'EvolutionTodoPostgresDown',
          expr: `pg_up{namespace="${ns}", job="${ctx.name(
            'postgres-exporter',
          )}"} == 0`,
          for: '2m',
          labels: { severity: 'critical' },
          annotations: {
            summary: 'PostgreSQL is down',
            description:
              '{{ $labels.job }} in {{ $labels.namespace }} cannot connect to PostgreSQL.',
          },
        },
        ...(ctx.spec.redis.enabled
          ? [
              {
                alert: 'EvolutionTodoRedisDown',
                expr: `redis_up{namespace="${ns}", job="${ctx.name(
                  'redis-exporter',
                )}"} == 0`,
                for: '2m',
                labels: { severity: 'critical' as const },
                annotations: {
                  summary: 'Redis is down',
                  description:
                    '{{ $labels.job }} in {{ $labels.namespace }} cannot connect to Redis.',
                },
              },
            ]
          : []),
      ],
    },
  ];

  const autoscaled = APP_COMPONENTS.filter(
    c => ctx.spec[c].autoscaling.enabled,
  );
  if (autoscaled.length > 0) {
    const hpa = `namespace="${ns}", horizontalpodautoscaler=~"${
      ctx.release
    }-(${autoscaled.join('|')})"`;
    groups.push({
      name: `evolution-todo.${ctx.release}.capacity`,
      rules: [
        {
          alert: 'EvolutionTodoHPAAtMaxReplicas',
          expr: [
            `kube_horizontalpodautoscaler_status_current_replicas{${hpa}}`,
            '>=',
            `kube_horizontalpodautoscaler_spec_max_replicas{${hpa}}`,
          ].join('\n'),
          for: '15m',
          labels: { severity: 'warning' },
          annotations: {
            summary:
              '{{ $labels.horizontalpodautoscaler }} has run at its maximum replicas for 15 minutes',
            description:
              'The HorizontalPodAutoscaler {{ $labels.horizontalpodautoscaler }} in {{ $labels.namespace }} cannot scale out further; raise maxReplicas or the resources of its pods.',
          },
        },
      ],
    });
  }
  return groups;
}

/** One PrometheusRule with every alert of the deployment. */
export function renderPrometheusRules(ctx: RenderContext): PlacedObject[] {
  return [
    {
      file: `${OPERATOR_MANIFESTS_FOLDER}/prometheusrule.yaml`,
      object: new PrometheusRule({
        metadata: prometheusMetadata(ctx, `${ctx.release}-alerts`),
        spec: { groups: alertGroups(ctx) },
      }).toJSON() as KubernetesObject,
    },
  ];
}
