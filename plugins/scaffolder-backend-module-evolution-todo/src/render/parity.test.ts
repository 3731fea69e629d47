import type { DeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import path from 'node:path';
import { HELM_MAJORS, helmTemplateBySource } from '../testing/helm';
import {
  byKey,
  chartOnly,
  K8S_API_VERSIONS,
  objectKey,
} from '../testing/parity';
import { removeRenderedChart, writeChartFor } from '../testing/renderedChart';
import { renderManifests } from './manifests';

/**
 * One source of truth per object: the chart (Go templates) and k8s/ (typed
 * TypeScript) must describe exactly the same objects for the same values, and
 * each object's k8s/ file is the path of the chart template that renders it
 * (what scripts/render-k8s.sh relies on to write the same layout with Helm).
 * k8s/ carries the Prometheus Operator's objects too, so the chart is
 * rendered for a cluster that serves its API.
 */

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
  'traefik with TLS, backend memory target': {
    name: 'secure',
    ingress: {
      tls: true,
      host: 'todo.example.com',
      tlsSecretName: 'todo-cert',
    },
    backend: { autoscaling: { targetMemoryUtilizationPercentage: 75 } },
  },
  'no ingress, blue-green on blue without autoscaling': {
    name: 'quiet',
    ingress: { enabled: false },
    backend: { autoscaling: { enabled: false } },
    rollout: { strategy: 'blue-green' },
  },
  'everything autoscaled, existing secret': {
    name: 'big',
    frontend: {
      autoscaling: { enabled: true, targetMemoryUtilizationPercentage: 80 },
    },
    mcp: { autoscaling: { enabled: true } },
    postgres: {
      existingSecret: 'todo-db',
      storageClass: 'fast-ssd',
      version: '18',
    },
  },
};

describe.each(HELM_MAJORS)('chart and k8s/ parity on Helm %s', major => {
  it.each(Object.entries(CASES))(
    'renders the same objects: %s',
    async (_label, parameters) => {
      const { spec, dir } = await writeChartFor(parameters);
      try {
        const templated = (
          await helmTemplateBySource(major, dir, {
            release: spec.name,
            namespace: spec.namespace,
            valuesFiles: [path.join(dir, 'values.yaml')],
            apiVersions: K8S_API_VERSIONS,
          })
        ).filter(t => !chartOnly(t.object));
        const fromHelm = templated.map(t => t.object);
        const placed = renderManifests(spec);
        const fromTypescript = placed.map(p => p.object);

        expect(Object.keys(byKey(fromHelm))).toEqual(
          Object.keys(byKey(fromTypescript)),
        );
        expect(byKey(fromHelm)).toEqual(byKey(fromTypescript));

        const layout = (entries: Array<[string, string]>) =>
          Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
        expect(layout(placed.map(p => [objectKey(p.object), p.file]))).toEqual(
          layout(templated.map(t => [objectKey(t.object), t.template])),
        );
      } finally {
        removeRenderedChart(dir);
      }
    },
  );
});
