import type { DeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import path from 'node:path';
import { HELM_MAJORS, helmTemplate } from '../testing/helm';
import { removeRenderedChart, writeChartFor } from '../testing/renderedChart';
import { renderManifests, type KubernetesObject } from './manifests';

/**
 * One source of truth per object: the chart (Go templates) and k8s/ (typed
 * TypeScript) must describe exactly the same objects for the same values.
 */

// Objects only the chart has, on purpose: helm test hooks, and the generated
// PostgreSQL Secret (k8s/ ships secrets/db-secret.yaml.example instead).
function chartOnly(object: KubernetesObject): boolean {
  return (
    object.metadata.annotations?.['helm.sh/hook'] !== undefined ||
    object.kind === 'Secret'
  );
}

const key = (o: KubernetesObject) =>
  `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function byKey(objects: KubernetesObject[]): Record<string, unknown> {
  return Object.fromEntries(
    objects
      .map(o => [key(o), JSON.parse(JSON.stringify(o))] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

const CASES: Record<string, DeploymentParameters> = {
  defaults: { name: 'todo' },
  'blue-green with gateway': {
    name: 'shop',
    namespace: 'apps',
    ingress: { provider: 'gateway', tls: true },
    rollout: { strategy: 'blue-green', activeColor: 'green' },
  },
  'nginx, monitoring and redis off': {
    name: 'lean',
    ingress: { provider: 'nginx' },
    monitoring: { enabled: false },
    redis: { enabled: false },
  },
  'everything autoscaled, existing secret': {
    name: 'big',
    frontend: { autoscaling: { enabled: true, targetMemoryUtilizationPercentage: 80 } },
    mcp: { autoscaling: { enabled: true } },
    postgres: { existingSecret: 'todo-db', storageClass: 'fast-ssd', version: '18' },
  },
};

describe.each(HELM_MAJORS)('chart and k8s/ parity on Helm %s', major => {
  it.each(Object.entries(CASES))(
    'renders the same objects: %s',
    async (_label, parameters) => {
      const { spec, dir } = await writeChartFor(parameters);
      try {
        const fromHelm = (
          await helmTemplate(major, dir, {
            release: spec.name,
            namespace: spec.namespace,
            valuesFiles: [path.join(dir, 'values.yaml')],
          })
        ).filter(o => !chartOnly(o));
        const fromTypescript = renderManifests(spec).map(p => p.object);

        expect(Object.keys(byKey(fromHelm))).toEqual(
          Object.keys(byKey(fromTypescript)),
        );
        expect(byKey(fromHelm)).toEqual(byKey(fromTypescript));
      } finally {
        removeRenderedChart(dir);
      }
    },
  );
});
