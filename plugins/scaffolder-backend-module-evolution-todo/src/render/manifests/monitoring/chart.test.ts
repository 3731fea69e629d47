import {
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import path from 'node:path';
import { HELM_MAJORS, helmTemplate } from '../../../testUtils/helm';
import { K8S_API_VERSIONS } from '../../../testUtils/parity';
import {
  removeRenderedChart,
  writeChartFor,
} from '../../../__testUtils__/renderedChart';
import { createRenderContext } from '../../context';
import type { KubernetesObject } from '../types';
import { validateObjects } from '../../../validate';
import { byKey, isMonitoringObject, objectKey } from './__testUtils__/objects';
import { renderMonitoring } from './index';

/**
 * ServiceMonitors that select no Service with the endpoint's port name in the
 * rendered set: a scrape job with no targets fails silently in Prometheus.
 */
function monitorsWithoutService(objects: KubernetesObject[]): string[] {
  const services = objects.filter(o => o.kind === 'Service') as any[];
  return (objects.filter(o => o.kind === 'ServiceMonitor') as any[])
    .filter(monitor => {
      const { selector, namespaceSelector, endpoints } = monitor.spec;
      return !services.some(
        service =>
          namespaceSelector.matchNames.includes(service.metadata.namespace) &&
          Object.entries(selector.matchLabels).every(
            ([key, value]) => service.metadata.labels?.[key] === value,
          ) &&
          service.spec.ports.some(
            (port: { name?: string }) => port.name === endpoints[0].port,
          ),
      );
    })
    .map(monitor => monitor.metadata.name);
}

/**
 * Schema and policy errors of the monitoring objects, judged by the validation
 * gate in the context of the whole chart (some rules look across objects).
 */
function policyErrorsOf(
  rendered: KubernetesObject[],
  ours: KubernetesObject[],
): string[] {
  const loaded = rendered.map((object, document) => ({
    object,
    file: 'chart.yaml',
    document,
  }));
  const keys = new Set(ours.map(objectKey));
  return validateObjects(loaded)
    .filter(f => f.severity === 'error' && keys.has(f.object))
    .map(f => `${f.rule}: ${f.message}`);
}

/**
 * The chart's templates/monitoring and this renderer, compared object by
 * object with real Helm for every switch of the monitoring family (the
 * release-wide parity test covers fewer monitoring combinations), and every
 * ServiceMonitor checked against the Services the whole chart renders.
 */
const CASES: Record<string, DeploymentParameters> = {
  defaults: { name: 'todo' },
  'redis off, custom Prometheus release and interval': {
    name: 'shop',
    namespace: 'apps',
    redis: { enabled: false },
    monitoring: { prometheusRelease: 'prom', scrapeInterval: '15s' },
  },
  'every app autoscaled, existing secret': {
    name: 'big',
    frontend: { autoscaling: { enabled: true } },
    mcp: { autoscaling: { enabled: true } },
    postgres: { existingSecret: 'todo-db', database: 'tasks', username: 'app' },
  },
  'alerts off, blue-green': {
    name: 'calm',
    rollout: { strategy: 'blue-green', activeColor: 'green' },
    monitoring: { alerts: false },
  },
  'dashboards off, no autoscaling': {
    name: 'lean',
    backend: { autoscaling: { enabled: false } },
    monitoring: { dashboards: false },
  },
  'monitoring off': { name: 'quiet', monitoring: { enabled: false } },
};

describe.each(HELM_MAJORS)('monitoring templates on Helm %s', major => {
  it.each(Object.entries(CASES))(
    'render what the TypeScript renderer renders: %s',
    async (_label, parameters) => {
      const { spec, dir } = await writeChartFor(parameters);
      try {
        const rendered = (await helmTemplate(major, dir, {
          release: spec.name,
          namespace: spec.namespace,
          valuesFiles: [path.join(dir, 'values.yaml')],
          // As k8s/ is rendered: for a cluster with the Prometheus Operator.
          apiVersions: K8S_API_VERSIONS,
        })) as KubernetesObject[];
        const fromHelm = rendered.filter(isMonitoringObject);
        const fromTypescript = renderMonitoring(createRenderContext(spec)).map(
          p => p.object,
        );

        expect(fromTypescript.every(isMonitoringObject)).toBe(true);
        expect(Object.keys(byKey(fromHelm))).toEqual(
          Object.keys(byKey(fromTypescript)),
        );
        expect(byKey(fromHelm)).toEqual(byKey(fromTypescript));
        // Non-empty exactly when monitoring is on, so the comparison is never vacuous.
        expect(fromHelm.some(o => o.kind === 'ServiceMonitor')).toBe(
          spec.monitoring.enabled,
        );
        expect(monitorsWithoutService(rendered)).toEqual([]);
        expect(policyErrorsOf(rendered, fromHelm)).toEqual([]);
      } finally {
        removeRenderedChart(dir);
      }
    },
  );
});

it('the cases switch every monitoring toggle both ways', () => {
  const specs = Object.values(CASES).map(p => parseDeploymentParameters(p));
  for (const read of [
    (s: (typeof specs)[number]) => s.monitoring.enabled,
    s => s.monitoring.alerts,
    s => s.monitoring.dashboards,
    s => s.redis.enabled,
  ] as Array<(s: (typeof specs)[number]) => boolean>) {
    expect(new Set(specs.map(read))).toEqual(new Set([true, false]));
  }
});
