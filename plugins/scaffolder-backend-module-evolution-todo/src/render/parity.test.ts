import {
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import fc from 'fast-check';
import path from 'node:path';
import { deploymentParameters } from '../__testUtils__/parameterArbitraries';
import {
  HELM_MAJORS,
  helmTemplateBySource,
  type HelmMajor,
} from '../testUtils/helm';
import {
  byKey,
  chartOnly,
  K8S_API_VERSIONS,
  objectKey,
} from '../testUtils/parity';
import {
  removeRenderedChart,
  writeChartFor,
} from '../__testUtils__/renderedChart';
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
  'blue-green with different versions, idle colour kept warm, autoscaled': {
    name: 'versions',
    imageTag: '1.0.0',
    rollout: {
      strategy: 'blue-green',
      activeColor: 'green',
      green: { imageTag: '1.1.0' },
      keepIdleWarm: true,
    },
    frontend: { autoscaling: { enabled: true } },
  },
  'platform settings on every component, custom namespaces': {
    name: 'platform',
    ingress: { controllerNamespace: 'kube-system' },
    monitoring: { namespace: 'observability' },
    imagePullSecrets: ['regcred'],
    serviceAccount: {
      annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/todo' },
    },
    backend: {
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
      tolerations: [
        {
          key: 'dedicated',
          operator: 'Equal',
          value: 'apps',
          effect: 'NoSchedule',
        },
      ],
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                topologyKey: 'topology.kubernetes.io/zone',
                labelSelector: {
                  matchLabels: { 'app.kubernetes.io/component': 'backend' },
                },
              },
            },
          ],
        },
      },
      priorityClassName: 'high-priority',
      podAnnotations: { 'prometheus.io/scrape': 'false' },
      podLabels: { team: 'todo' },
      extraEnv: [
        { name: 'FEATURE_X', value: 'on' },
        {
          name: 'API_KEY',
          valueFrom: { secretKeyRef: { name: 'todo-keys', key: 'api' } },
        },
      ],
    },
    postgres: {
      podLabels: { tier: 'data' },
      extraEnv: [{ name: 'TZ', value: 'UTC' }],
    },
    redis: {
      podAnnotations: { 'example.com/owner': 'platform' },
      extraEnv: [{ name: 'TZ', value: 'UTC' }],
    },
    mcp: { podLabels: { team: 'todo' } },
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

/**
 * The same objects from real Helm and from the TypeScript renderers, and each
 * in the k8s/ file named after the chart template that renders it.
 */
async function expectParity(
  major: HelmMajor,
  parameters: DeploymentParameters,
) {
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
      Object.fromEntries(entries.sort(([x], [y]) => x.localeCompare(y)));
    expect(layout(placed.map(p => [objectKey(p.object), p.file]))).toEqual(
      layout(templated.map(t => [objectKey(t.object), t.template])),
    );
  } finally {
    removeRenderedChart(dir);
  }
}

describe.each(HELM_MAJORS)('chart and k8s/ parity on Helm %s', major => {
  it.each(Object.entries(CASES))(
    'renders the same objects: %s',
    async (_label, parameters) => {
      await expectParity(major, parameters);
    },
  );

  it('renders the same objects for generated parameters', async () => {
    // Each run writes a chart and starts Helm (~0.5 s): a few dozen runs over
    // both majors cover every toggle and the platform settings without
    // dominating the suite. A failure prints the shrunk parameters.
    await fc.assert(
      fc.asyncProperty(deploymentParameters, async parameters => {
        // Only inputs the schema accepts reach a chart (render.property.test.ts covers the rest).
        parseDeploymentParameters(parameters);
        await expectParity(major, parameters);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
