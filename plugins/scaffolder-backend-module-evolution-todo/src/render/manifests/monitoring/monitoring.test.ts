import {
  EXPORTER_COMPONENTS,
  EXPORTER_PORTS,
  LABELS,
  MAX_RELEASE_NAME_LENGTH,
  parseDeploymentParameters,
  selectorLabels,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import {
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { createRenderContext } from '../../context';
import { renderManifests } from '../index';
import type { KubernetesObject } from '../types';
import { isMonitoringObject } from './__testUtils__/objects';
import { renderMonitoring } from './index';
import { isOperatorObject, OPERATOR_MANIFESTS_FOLDER } from './operator';
import type { AlertRule, RuleGroup } from './prometheusRules';

function render(parameters: DeploymentParameters) {
  const spec = parseDeploymentParameters(parameters);
  return { spec, objects: renderMonitoring(createRenderContext(spec)) };
}

const objectsOf = (parameters: DeploymentParameters) =>
  render(parameters).objects.map(p => p.object);
const ofKind = (objects: KubernetesObject[], kind: string) =>
  objects.filter(o => o.kind === kind) as any[];
const rulesOf = (objects: KubernetesObject[]): AlertRule[] =>
  ofKind(objects, 'PrometheusRule').flatMap(r =>
    (r.spec.groups as RuleGroup[]).flatMap(g => g.rules),
  );

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  Deployment,
  Service,
  ConfigMap,
  ServiceMonitor,
  PrometheusRule,
};

const VARIANTS: DeploymentParameters[] = [
  { name: 'todo' },
  { name: 'a'.repeat(MAX_RELEASE_NAME_LENGTH), namespace: 'b'.repeat(63) },
  {
    name: 'shop',
    redis: { enabled: false },
    postgres: { existingSecret: 'shop-db' },
    frontend: { autoscaling: { enabled: true } },
    rollout: { strategy: 'blue-green' },
  },
];

describe('renderMonitoring', () => {
  it('renders exporters, ServiceMonitors, alerts and dashboards by default', () => {
    const names = objectsOf({ name: 'todo' })
      .map(o => `${o.kind}/${o.metadata.name}`)
      .sort();
    expect(names).toEqual([
      'ConfigMap/todo-dashboard-application',
      'ConfigMap/todo-dashboard-postgres',
      'ConfigMap/todo-dashboard-queries',
      'ConfigMap/todo-dashboard-redis',
      'ConfigMap/todo-dashboard-storage',
      'ConfigMap/todo-dashboard-workloads',
      'Deployment/todo-postgres-exporter',
      'Deployment/todo-redis-exporter',
      'PrometheusRule/todo-alerts',
      'Service/todo-postgres-exporter',
      'Service/todo-redis-exporter',
      'ServiceMonitor/todo-backend',
      'ServiceMonitor/todo-mcp',
      'ServiceMonitor/todo-postgres-exporter',
      'ServiceMonitor/todo-redis-exporter',
    ]);
  });

  it("keeps k8s/monitoring/ for the Prometheus Operator's objects alone, so the rest applies to any cluster", () => {
    const placed = render({ name: 'todo' }).objects;
    const inOperatorFolder = placed.filter(p =>
      p.file.startsWith(`${OPERATOR_MANIFESTS_FOLDER}/`),
    );
    expect(inOperatorFolder.map(p => p.object.kind).sort()).toEqual([
      'PrometheusRule',
      'ServiceMonitor',
      'ServiceMonitor',
      'ServiceMonitor',
      'ServiceMonitor',
    ]);
    expect(
      placed
        .filter(p => !p.file.startsWith(`${OPERATOR_MANIFESTS_FOLDER}/`))
        .map(p => p.file),
    ).toEqual([
      'exporters/postgres-exporter.yaml',
      'exporters/postgres-exporter.yaml',
      'exporters/redis-exporter.yaml',
      'exporters/redis-exporter.yaml',
      ...Array(6).fill('dashboards.yaml'),
    ]);
    expect(
      placed.every(
        p => isOperatorObject(p.object) === p.file.startsWith('monitoring/'),
      ),
    ).toBe(true);
  });

  it.each(VARIANTS)('renders only schema-valid objects: %j', parameters => {
    for (const object of objectsOf(parameters)) {
      const Model = MODELS[object.kind];
      expect(Model).toBeDefined();
      expect(() => new Model(object).validate()).not.toThrow();
      expect(object.metadata.name.length).toBeLessThanOrEqual(63);
      expect(object.metadata.namespace).toBe(
        parseDeploymentParameters(parameters).namespace,
      );
      expect(object.metadata.labels?.[LABELS.kubernetesId]).toBe(
        parameters.name,
      );
    }
  });

  it('renders nothing, in any family, when monitoring is off', () => {
    const spec = parseDeploymentParameters({
      name: 'todo',
      monitoring: { enabled: false },
    });
    expect(renderMonitoring(createRenderContext(spec))).toEqual([]);
    const all = renderManifests(spec).map(p => p.object);
    expect(all.filter(isMonitoringObject)).toEqual([]);
    expect(
      all.filter(o => o.apiVersion.startsWith('monitoring.coreos.com/')),
    ).toEqual([]);
    expect(all.filter(o => o.metadata.labels?.grafana_dashboard)).toEqual([]);
  });

  it('drops the alerts or the dashboards alone when they are switched off', () => {
    const noAlerts = objectsOf({ name: 'todo', monitoring: { alerts: false } });
    expect(ofKind(noAlerts, 'PrometheusRule')).toEqual([]);
    expect(ofKind(noAlerts, 'ConfigMap')).toHaveLength(6);
    expect(ofKind(noAlerts, 'ServiceMonitor')).toHaveLength(4);

    const noDashboards = objectsOf({
      name: 'todo',
      monitoring: { dashboards: false },
    });
    expect(ofKind(noDashboards, 'ConfigMap')).toEqual([]);
    expect(ofKind(noDashboards, 'PrometheusRule')).toHaveLength(1);
    expect(ofKind(noDashboards, 'ServiceMonitor')).toHaveLength(4);
  });

  it('leaves out everything about Redis when Redis is off', () => {
    const objects = objectsOf({ name: 'todo', redis: { enabled: false } });
    const text = JSON.stringify(objects);
    expect(text).not.toContain('redis-exporter');
    expect(text).not.toContain('redis_');
    expect(ofKind(objects, 'ServiceMonitor')).toHaveLength(3);
  });
});

describe('ServiceMonitors', () => {
  it('carry the Prometheus release label and select the component in the release namespace', () => {
    const { spec, objects } = render({
      name: 'shop',
      namespace: 'apps',
      monitoring: { prometheusRelease: 'prom', scrapeInterval: '15s' },
    });
    for (const monitor of ofKind(
      objects.map(p => p.object),
      'ServiceMonitor',
    )) {
      const component = monitor.metadata.labels[LABELS.component];
      expect(monitor.metadata.labels.release).toBe('prom');
      expect(monitor.spec.selector).toEqual({
        matchLabels: selectorLabels(spec.name, component),
        // Blue-green colour Services select the same pods: scraping them too would count twice.
        matchExpressions: [{ key: LABELS.color, operator: 'DoesNotExist' }],
      });
      expect(monitor.spec.namespaceSelector).toEqual({ matchNames: ['apps'] });
      expect(monitor.spec.endpoints).toEqual([
        expect.objectContaining({ path: '/metrics', interval: '15s' }),
      ]);
    }
  });
});

describe('exporters', () => {
  const workloads = (parameters: DeploymentParameters) => {
    const objects = objectsOf(parameters);
    return EXPORTER_COMPONENTS.flatMap(component => {
      const deployment = ofKind(objects, 'Deployment').find(
        d => d.metadata.labels[LABELS.component] === component,
      );
      const service = ofKind(objects, 'Service').find(
        s => s.metadata.labels[LABELS.component] === component,
      );
      return deployment ? [{ component, deployment, service }] : [];
    });
  };

  it('serve port `metrics` through a Service that selects their pods', () => {
    for (const { component, deployment, service } of workloads({
      name: 'todo',
    })) {
      const pod = deployment.spec.template;
      const container = pod.spec.containers[0];
      expect(container.ports).toEqual([
        {
          name: 'metrics',
          containerPort: EXPORTER_PORTS[component],
          protocol: 'TCP',
        },
      ]);
      expect(pod.metadata.labels).toMatchObject(service.spec.selector);
      expect(deployment.spec.selector.matchLabels).toEqual(
        service.spec.selector,
      );
      expect(service.spec.ports).toEqual([
        expect.objectContaining({ name: 'metrics', targetPort: 'metrics' }),
      ]);
      expect(pod.metadata.labels[LABELS.kubernetesId]).toBe('todo');
    }
  });

  it('run restricted, pinned, with resources and probes', () => {
    const { spec } = render({ name: 'todo' });
    const images = [spec.images.postgresExporter, spec.images.redisExporter];
    for (const { deployment } of workloads({ name: 'todo' })) {
      const pod = deployment.spec.template.spec;
      const container = pod.containers[0];
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(images).toContain(container.image);
      expect(container.image).not.toMatch(/:latest$/);
      expect(container.resources.requests).toBeDefined();
      expect(container.resources.limits).toBeDefined();
      expect(container.livenessProbe.httpGet.port).toBe('metrics');
      expect(container.readinessProbe.httpGet.port).toBe('metrics');
      // A probe must not query the data store: /metrics would.
      expect(container.livenessProbe.httpGet.path).not.toBe('/metrics');
    }
  });

  it.each([
    [{ name: 'todo' }, 'todo-postgres-auth'],
    [{ name: 'todo', postgres: { existingSecret: 'team-db' } }, 'team-db'],
  ] as const)(
    'read the PostgreSQL password from the right Secret: %j',
    (parameters, secret) => {
      const deployment = ofKind(objectsOf(parameters), 'Deployment').find(
        d => d.metadata.name === 'todo-postgres-exporter',
      );
      const env = deployment.spec.template.spec.containers[0].env;
      expect(env).toEqual([
        {
          name: 'DATA_SOURCE_URI',
          value: 'todo-postgres:5432/todo?sslmode=disable',
        },
        { name: 'DATA_SOURCE_USER', value: 'todo' },
        {
          name: 'DATA_SOURCE_PASS',
          valueFrom: {
            secretKeyRef: { name: secret, key: 'postgres-password' },
          },
        },
      ]);
    },
  );
});

describe('alert rules', () => {
  it('cover errors, latency, targets, data stores and autoscaling, each with severity and summary', () => {
    const rules = rulesOf(objectsOf({ name: 'todo' }));
    expect(rules.map(r => r.alert).sort()).toEqual([
      'EvolutionTodoBackendHighErrorRatio',
      'EvolutionTodoBackendHighLatency',
      'EvolutionTodoHPAAtMaxReplicas',
      'EvolutionTodoJobDown',
      'EvolutionTodoPostgresDown',
      'EvolutionTodoRedisDown',
      'EvolutionTodoTargetsDown',
    ]);
    for (const rule of rules) {
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(0);
      expect(rule.annotations.description.length).toBeGreaterThan(0);
      expect(rule.for).toMatch(/^\d+m$/);
    }
  });

  it('put the PrometheusRule where kube-prometheus-stack looks for it', () => {
    const [rule] = ofKind(
      objectsOf({
        name: 'todo',
        monitoring: { prometheusRelease: 'monitoring' },
      }),
      'PrometheusRule',
    );
    expect(rule.metadata.labels.release).toBe('monitoring');
  });

  it('watch exactly the autoscaled components, or none', () => {
    const hpaRule = (parameters: DeploymentParameters) =>
      rulesOf(objectsOf(parameters)).find(
        r => r.alert === 'EvolutionTodoHPAAtMaxReplicas',
      );
    expect(hpaRule({ name: 'todo' })!.expr).toContain(
      'horizontalpodautoscaler=~"todo-(backend)"',
    );
    expect(
      hpaRule({
        name: 'todo',
        frontend: { autoscaling: { enabled: true } },
        mcp: { autoscaling: { enabled: true } },
      })!.expr,
    ).toContain('horizontalpodautoscaler=~"todo-(frontend|backend|mcp)"');
    expect(
      hpaRule({ name: 'todo', backend: { autoscaling: { enabled: false } } }),
    ).toBeUndefined();
  });

  it('scope every expression to the release namespace', () => {
    for (const rule of rulesOf(
      objectsOf({ name: 'todo', namespace: 'apps' }),
    )) {
      const selectors = rule.expr.match(/\{[^}]*\}/g) ?? [];
      expect(selectors.length).toBeGreaterThan(0);
      for (const selector of selectors) {
        expect(selector).toContain('namespace="apps"');
      }
    }
  });
});
