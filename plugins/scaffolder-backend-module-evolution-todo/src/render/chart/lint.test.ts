import type { DeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  HELM_MAJORS,
  helm,
  helmTemplate,
  type HelmMajor,
} from '../../testUtils/helm';
import {
  removeRenderedChart,
  writeChartFor,
} from '../../__testUtils__/renderedChart';
import { findModel } from '../../validate/models';

/**
 * The chart as a generated repository gets it (templates from chart/evolution-todo
 * plus the rendered values.yaml, values-prod.yaml and values.schema.json) must
 * lint strictly and render on Helm 3 and Helm 4, and its schema must turn a
 * wrong value into an error that names it.
 */

const CASES: Record<string, DeploymentParameters> = {
  defaults: { name: 'todo' },
  'gateway, blue-green, TLS': {
    name: 'shop',
    namespace: 'apps',
    ingress: { provider: 'gateway', tls: true },
    rollout: { strategy: 'blue-green', activeColor: 'green' },
  },
  nginx: {
    name: 'edge',
    ingress: { provider: 'nginx', host: 'todo.example.com' },
  },
  'monitoring off': { name: 'quiet', monitoring: { enabled: false } },
};

type Chart = Awaited<ReturnType<typeof writeChartFor>>;

const valuesFile = (chart: Chart, name: string) => path.join(chart.dir, name);

/** `helm lint --strict` of the chart with the given values files; its output. */
function lint(major: HelmMajor, chart: Chart, files: string[]) {
  return helm(major, [
    'lint',
    '--strict',
    chart.dir,
    '--namespace',
    chart.spec.namespace,
    ...files.flatMap(file => ['--values', valuesFile(chart, file)]),
  ]);
}

const CLEAN_LINT = '1 chart(s) linted, 0 chart(s) failed';
const LINT_FINDING = /\[(WARNING|ERROR)\]/;

function expectSchemaValid(object: any) {
  const model = findModel(object.apiVersion, object.kind);
  expect({
    kind: `${object.apiVersion} ${object.kind}`,
    known: Boolean(model),
  }).toEqual({
    kind: `${object.apiVersion} ${object.kind}`,
    known: true,
  });
  // Throws with the object's failing field.
  new model!(object).validate();
}

const find = (objects: any[], kind: string, name: string) =>
  objects.find(o => o.kind === kind && o.metadata.name === name);

/** Every Service port an edge object sends traffic to exists. */
function expectEdgeBackendsExist(objects: any[]) {
  const servicePorts = (name: string) =>
    find(objects, 'Service', name)?.spec.ports ?? [];
  for (const ingress of objects.filter(o => o.kind === 'Ingress')) {
    for (const { backend } of ingress.spec.rules.flatMap(
      (r: any) => r.http.paths,
    )) {
      const { name, port } = backend.service;
      expect({
        name,
        ports: servicePorts(name).map((p: any) => p.name),
      }).toEqual({
        name,
        ports: expect.arrayContaining([port.name]),
      });
    }
  }
  for (const route of objects.filter(o => o.kind === 'HTTPRoute')) {
    for (const ref of route.spec.rules.flatMap((r: any) => r.backendRefs)) {
      expect({
        name: ref.name,
        ports: servicePorts(ref.name).map((p: any) => p.port),
      }).toEqual({
        name: ref.name,
        ports: expect.arrayContaining([ref.port]),
      });
    }
  }
}

/** Every HPA scales an existing Deployment that leaves the replica count to it. */
function expectHpaTargetsExist(objects: any[]) {
  for (const hpa of objects.filter(o => o.kind === 'HorizontalPodAutoscaler')) {
    const target = find(objects, 'Deployment', hpa.spec.scaleTargetRef.name);
    expect({ hpa: hpa.metadata.name, target: target?.metadata.name }).toEqual({
      hpa: hpa.metadata.name,
      target: hpa.spec.scaleTargetRef.name,
    });
    expect(target.spec.replicas).toBeUndefined();
  }
}

describe.each(HELM_MAJORS)('the rendered chart on Helm %s', major => {
  describe.each(Object.entries(CASES))('%s', (_label, parameters) => {
    let chart: Chart;
    beforeAll(async () => {
      chart = await writeChartFor(parameters);
    });
    afterAll(() => removeRenderedChart(chart.dir));

    it('passes helm lint --strict with values.yaml', async () => {
      const output = await lint(major, chart, ['values.yaml']);
      expect(output).toContain(CLEAN_LINT);
      expect(output).not.toMatch(LINT_FINDING);
    });

    it('passes helm lint --strict with values.yaml and values-prod.yaml', async () => {
      const output = await lint(major, chart, [
        'values.yaml',
        'values-prod.yaml',
      ]);
      expect(output).toContain(CLEAN_LINT);
      expect(output).not.toMatch(LINT_FINDING);
    });

    it('renders valid production objects: every app service autoscaled, TLS on, every reference resolved', async () => {
      const objects = await helmTemplate(major, chart.dir, {
        release: chart.spec.name,
        namespace: chart.spec.namespace,
        valuesFiles: [
          valuesFile(chart, 'values.yaml'),
          valuesFile(chart, 'values-prod.yaml'),
        ],
      });
      objects.forEach(expectSchemaValid);

      const hpas = objects.filter(o => o.kind === 'HorizontalPodAutoscaler');
      expect(
        hpas.map(h => h.metadata.labels['app.kubernetes.io/component']).sort(),
      ).toEqual(['backend', 'frontend', 'mcp']);
      expectHpaTargetsExist(objects);

      const edge = objects.filter(
        o => o.kind === 'Ingress' || o.kind === 'HTTPRoute',
      );
      // Ingress: a tls block; HTTPRoute: the Gateway's https listener.
      expect(
        edge.map(o => ({
          kind: o.kind,
          tls:
            o.spec.tls?.length === 1 ||
            o.spec.parentRefs?.[0].sectionName === 'https',
        })),
      ).toEqual([{ kind: edge[0].kind, tls: true }]);
      expectEdgeBackendsExist(objects);
    });
  });

  describe('refuses a wrong value with a message that names it', () => {
    let chart: Chart;
    beforeAll(async () => {
      chart = await writeChartFor({ name: 'todo' });
    });
    afterAll(() => removeRenderedChart(chart.dir));

    async function templateWith(values: unknown) {
      const file = valuesFile(chart, 'wrong.yaml');
      fs.writeFileSync(file, YAML.stringify(values));
      return helmTemplate(major, chart.dir, {
        release: 'todo',
        namespace: 'todo',
        valuesFiles: [valuesFile(chart, 'values.yaml'), file],
      });
    }

    const SCHEMA = /values don't meet the specifications of the schema/;

    it.each([
      [
        'a string for a number',
        { backend: { replicas: 'three' } },
        /backend[./]replicas[\s\S]*integer/,
      ],
      [
        'an unknown key',
        { backend: { replicaz: 3 } },
        /backend[\s\S]*replicaz/,
      ],
      ['an unknown top-level key', { replicaCount: 3 }, /replicaCount/],
      [
        'an unknown provider',
        { ingress: { provider: 'haproxy' } },
        /ingress[./]provider/,
      ],
      [
        'an unpinned image',
        { frontend: { image: { tag: 'latest' } } },
        /frontend[./]image[./]tag/,
      ],
      [
        'a CPU target over 100 %',
        { mcp: { autoscaling: { targetCPUUtilizationPercentage: 150 } } },
        /mcp[./]autoscaling[./]targetCPUUtilizationPercentage/,
      ],
    ])('%s', async (_label, values, field) => {
      const rejection = templateWith(values);
      await expect(rejection).rejects.toThrow(SCHEMA);
      await expect(rejection).rejects.toThrow(field);
    });

    it('an HPA minimum above its maximum (a rule JSON Schema cannot state)', async () => {
      await expect(
        templateWith({
          backend: { autoscaling: { minReplicas: 9, maxReplicas: 3 } },
        }),
      ).rejects.toThrow(
        'backend.autoscaling.minReplicas (9) must not exceed maxReplicas (3)',
      );
    });
  });
});
