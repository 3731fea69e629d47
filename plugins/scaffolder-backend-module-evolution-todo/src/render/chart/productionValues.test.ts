import {
  APP_COMPONENTS,
  bytes,
  cpuMillis,
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import Ajv from 'ajv';
import fc from 'fast-check';
import YAML from 'yaml';
import { renderChart } from './renderChart';
import {
  applyOverrides,
  changedValues,
  productionOverrides,
  productionValues,
} from './productionValues';
import { chartValues } from './values';
import { chartValuesJsonSchema } from './valuesSchema';

const validateValues = new Ajv({ allErrors: true }).compile(
  chartValuesJsonSchema(),
);

type Values = Record<string, any>;

const isMap = (v: unknown): v is Values =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** How Helm lays a values file over another: maps merge key by key, the rest is replaced. */
function helmMerge(base: Values, overlay: Values): Values {
  const result: Values = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    result[key] =
      isMap(value) && isMap(base[key]) ? helmMerge(base[key], value) : value;
  }
  return result;
}

/** [dotted path, value] of every non-map value. */
function leaves(values: Values, path = ''): [string, unknown][] {
  return Object.entries(values).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    return isMap(value)
      ? leaves(value, at)
      : [[at, value] as [string, unknown]];
  });
}

const get = (values: Values, dotted: string) =>
  dotted.split('.').reduce<any>((v, k) => v?.[k], values);

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function render(parameters: DeploymentParameters) {
  const spec = parseDeploymentParameters(parameters);
  return {
    spec,
    base: json(chartValues(spec)) as Values,
    prod: json(productionValues(spec)) as Values,
    productionSpec: applyOverrides(spec, productionOverrides(spec)),
  };
}

describe('values-prod.yaml', () => {
  it('holds only keys whose value production changes', () => {
    const { base, prod } = render({ name: 'todo' });
    for (const [path, value] of leaves(prod)) {
      expect({ path, differs: !Object.is(get(base, path), value) }).toEqual({
        path,
        differs: true,
      });
    }
  });

  it("laid over values.yaml gives exactly the production spec's values", () => {
    const { base, prod, productionSpec } = render({ name: 'todo' });
    expect(helmMerge(base, prod)).toEqual(json(chartValues(productionSpec)));
  });

  it('autoscales every app service with production floors, enlarges resources and storage, and turns TLS on', () => {
    const { prod } = render({ name: 'todo' });
    expect(prod.frontend.autoscaling).toEqual({ enabled: true });
    expect(prod.mcp.autoscaling).toEqual({ enabled: true, maxReplicas: 6 });
    // The backend autoscales already: only its bounds change.
    expect(prod.backend.autoscaling).toEqual({
      minReplicas: 3,
      maxReplicas: 20,
    });
    expect(prod.backend.replicas).toBeUndefined();
    expect(prod.backend.resources).toEqual({
      requests: { cpu: '500m', memory: '512Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
    expect(prod.postgres.storage).toBe('50Gi');
    expect(prod.ingress).toEqual({ tls: true });
    // Nothing production leaves alone.
    expect(Object.keys(prod).sort()).toEqual(
      ['backend', 'frontend', 'ingress', 'mcp', 'postgres', 'redis'].sort(),
    );
    for (const component of APP_COMPONENTS) {
      expect(prod[component].image).toBeUndefined();
    }
  });

  it('keeps what the deployment already sizes above production, and omits it', () => {
    const { prod } = render({
      name: 'big',
      ingress: { tls: true },
      backend: {
        replicas: 8,
        resources: {
          requests: { cpu: '2', memory: '2Gi' },
          limits: { cpu: '4', memory: '4Gi' },
        },
        autoscaling: { minReplicas: 8, maxReplicas: 40 },
      },
      postgres: { storage: '200Gi' },
    });
    expect(prod.ingress).toBeUndefined();
    expect(prod.backend).toBeUndefined();
    expect(prod.postgres.storage).toBeUndefined();
    expect(prod.postgres.resources).toBeDefined();
  });

  it('raises the static replica count to the production minimum, so switching the HPA off never shrinks production', () => {
    const { prod } = render({ name: 'todo', mcp: { replicas: 1 } });
    expect(prod.mcp.replicas).toBe(2);
  });

  it('stays valid for any deployment: schema, minReplicas <= maxReplicas, requests <= limits', () => {
    const quantity = (values: string[]) => fc.constantFrom(...values);
    const app = fc.record({
      replicas: fc.integer({ min: 1, max: 50 }),
      autoscaling: fc
        .tuple(
          fc.integer({ min: 1, max: 100 }),
          fc.integer({ min: 1, max: 100 }),
        )
        .map(([a, b]) => ({
          minReplicas: Math.min(a, b),
          maxReplicas: Math.max(a, b),
        })),
      resources: fc
        .tuple(
          quantity(['50m', '250m', '1', '3']),
          quantity(['64Mi', '512Mi', '2Gi', '8Gi']),
        )
        .map(([cpu, memory]) => ({
          requests: { cpu, memory },
          limits: { cpu, memory },
        })),
    });
    fc.assert(
      fc.property(app, app, app, (frontend, backend, mcp) => {
        const { base, prod, productionSpec } = render({
          name: 'todo',
          frontend,
          backend,
          mcp,
        });
        expect(
          validateValues(helmMerge(base, prod)) || validateValues.errors,
        ).toBe(true);
        const input = { frontend, backend, mcp };
        for (const component of APP_COMPONENTS) {
          const { autoscaling, resources, replicas } =
            productionSpec[component];
          expect(autoscaling.enabled).toBe(true);
          expect(autoscaling.minReplicas).toBeLessThanOrEqual(
            autoscaling.maxReplicas,
          );
          // Production never has fewer than development, nor fewer than two of anything.
          expect(autoscaling.minReplicas).toBeGreaterThanOrEqual(
            Math.max(input[component].autoscaling.minReplicas, 2),
          );
          expect(replicas).toBeGreaterThanOrEqual(
            Math.max(input[component].replicas, 2),
          );
          expect(cpuMillis(resources.requests.cpu)).toBeLessThanOrEqual(
            cpuMillis(resources.limits.cpu),
          );
          expect(bytes(resources.requests.memory)).toBeLessThanOrEqual(
            bytes(resources.limits.memory),
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is what renderChart writes beside values.yaml', () => {
    const spec = parseDeploymentParameters({ name: 'todo', namespace: 'apps' });
    const file = renderChart(spec).find(f => f.path === 'values-prod.yaml')!;
    expect(YAML.parse(file.content)).toEqual(json(productionValues(spec)));
    expect(file.content).toContain(
      'helm upgrade --install todo helm/evolution-todo --namespace apps',
    );
  });
});

describe('changedValues', () => {
  it('keeps changed leaves and new keys, replaces arrays whole, drops the rest', () => {
    expect(
      changedValues(
        { a: { b: 1, c: 2 }, list: [1, 2], same: [3], s: 'x' },
        { a: { b: 1, c: 5, d: 6 }, list: [1, 2, 3], same: [3], s: 'x' },
      ),
    ).toEqual({ a: { c: 5, d: 6 }, list: [1, 2, 3] });
  });

  it('refuses a key the overlay would have to remove', () => {
    expect(() => changedValues({ a: { b: 1 } }, { a: {} })).toThrow(
      /drop a\.b/,
    );
  });
});
