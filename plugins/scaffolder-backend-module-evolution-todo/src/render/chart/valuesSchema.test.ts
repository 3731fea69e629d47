import {
  INGRESS_PROVIDERS,
  ROLLOUT_STRATEGIES,
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import Ajv from 'ajv';
import fc from 'fast-check';
import { renderChart } from './renderChart';
import { chartValues } from './values';
import { chartValuesJsonSchema } from './valuesSchema';

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Sub-schemas that could describe a key of an object (or an item of an array). */
function childSchemas(schema: JsonSchema, key: string | number): JsonSchema[] {
  const alternatives = [
    schema,
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.allOf ?? []),
  ];
  return alternatives.flatMap(s => {
    if (typeof key === 'number') {
      return s.items ? [s.items] : [];
    }
    if (s.properties?.[key]) {
      return [s.properties[key]];
    }
    return typeof s.additionalProperties === 'object'
      ? [s.additionalProperties]
      : [];
  });
}

/** Dotted paths of every key in `values` that `schema` does not describe. */
function undescribedKeys(
  value: unknown,
  schemas: JsonSchema[],
  path = '',
): string[] {
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.flatMap(([key, child]) => {
    let childPath = typeof key === 'number' ? `${path}[${key}]` : key;
    if (typeof key === 'string' && path) {
      childPath = `${path}.${key}`;
    }
    const described = schemas.flatMap(s => childSchemas(s, key));
    return described.length === 0
      ? [childPath]
      : undescribedKeys(child, described, childPath);
  });
}

/** Fails loudly, by key, when chartValues() grows a key the contract lacks. */
function expectEveryKeyDescribed(values: unknown) {
  const missing = undescribedKeys(values, [
    chartValuesJsonSchema() as JsonSchema,
  ]);
  if (missing.length > 0) {
    throw new Error(
      `chartValues() produces ${missing
        .map(k => `"${k}"`)
        .join(', ')}, which values.schema.json does not describe: ` +
        "add it to chartValuesSchema in src/render/chart/valuesSchema.ts (Helm would reject the chart's own values.yaml)",
    );
  }
}

const ajv = new Ajv({ strict: true, allErrors: true });
const validate = ajv.compile(chartValuesJsonSchema());

/** "instancePath: message" of every schema violation, as Helm would report them, sorted. */
function violations(values: unknown): string[] {
  return validate(values)
    ? []
    : (validate.errors ?? [])
        .map(e =>
          e.keyword === 'additionalProperties'
            ? `${e.instancePath}: unknown key ${e.params.additionalProperty}`
            : `${e.instancePath}: ${e.message}`,
        )
        .sort();
}

const valuesOf = (parameters: DeploymentParameters) =>
  // Through YAML and back, as Helm reads it: undefined keys vanish.
  JSON.parse(
    JSON.stringify(chartValues(parseDeploymentParameters(parameters))),
  );

const CASES: Record<string, DeploymentParameters> = {
  defaults: { name: 'todo' },
  'gateway, blue-green, TLS': {
    name: 'shop',
    namespace: 'apps',
    ingress: {
      provider: 'gateway',
      tls: true,
      gateway: { name: 'public', namespace: 'edge' },
    },
    rollout: { strategy: 'blue-green', activeColor: 'green' },
  },
  'nginx, memory targets, existing secret': {
    name: 'lean',
    ingress: {
      provider: 'nginx',
      host: 'todo.example.com',
      className: 'nginx-internal',
    },
    backend: { autoscaling: { targetMemoryUtilizationPercentage: 80 } },
    postgres: {
      existingSecret: 'todo-db',
      storageClass: 'fast-ssd',
      version: '18',
    },
  },
  'monitoring and redis off': {
    name: 'quiet',
    monitoring: { enabled: false },
    redis: { enabled: false },
    logging: { stack: 'none' },
  },
};

describe('values.schema.json', () => {
  it('is a valid draft-07 schema that refuses unknown keys at the top', () => {
    const schema = chartValuesJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it.each(Object.entries(CASES))(
    'describes every key chartValues() produces and accepts its values: %s',
    (_label, parameters) => {
      const values = valuesOf(parameters);
      expectEveryKeyDescribed(values);
      expect(violations(values)).toEqual([]);
    },
  );

  it('names the key when chartValues() produces one the schema lacks', () => {
    const values = { ...valuesOf({ name: 'todo' }), canary: { weight: 10 } };
    values.backend.autoscaling.scaleToZero = true;
    expect(() => expectEveryKeyDescribed(values)).toThrow(
      /"backend\.autoscaling\.scaleToZero", "canary".*valuesSchema\.ts/,
    );
  });

  it('accepts the values of any parameters the parameter schema accepts', () => {
    const toggles = { requiredKeys: [] as never[] };
    const app = fc.record(
      {
        replicas: fc.integer({ min: 1, max: 50 }),
        autoscaling: fc.record(
          {
            enabled: fc.boolean(),
            minReplicas: fc.integer({ min: 1, max: 5 }),
            maxReplicas: fc.integer({ min: 5, max: 100 }),
            targetMemoryUtilizationPercentage: fc.integer({ min: 1, max: 100 }),
          },
          toggles,
        ),
      },
      toggles,
    );
    const parameters = fc.record(
      {
        name: fc.constantFrom('todo', 'a', `x${'-y'.repeat(19)}z`),
        namespace: fc.constantFrom('apps', 'team-a'),
        imageTag: fc.constantFrom('1.2.3', 'sha-0a1b2c3', 'v2_rc.1'),
        imageRegistry: fc.constantFrom(
          'ghcr.io/acme',
          'registry.local:5000/team/sub',
        ),
        ingress: fc.record(
          {
            enabled: fc.boolean(),
            provider: fc.constantFrom(...INGRESS_PROVIDERS),
            tls: fc.boolean(),
            host: fc.constantFrom('todo.example.com', 'a.b.c'),
          },
          toggles,
        ),
        frontend: app,
        backend: app,
        mcp: app,
        postgres: fc.record(
          {
            version: fc.constantFrom('16', '17', '18') as fc.Arbitrary<
              '16' | '17' | '18'
            >,
            existingSecret: fc.constantFrom('', 'db-credentials'),
            storage: fc.constantFrom('1Gi', '500M', '2Ti'),
          },
          toggles,
        ),
        redis: fc.record({ enabled: fc.boolean() }, toggles),
        monitoring: fc.record(
          { enabled: fc.boolean(), dashboards: fc.boolean() },
          toggles,
        ),
        rollout: fc.record(
          {
            strategy: fc.constantFrom(...ROLLOUT_STRATEGIES),
            activeColor: fc.constantFrom('blue', 'green') as fc.Arbitrary<
              'blue' | 'green'
            >,
          },
          toggles,
        ),
      },
      { requiredKeys: ['name'] },
    );
    fc.assert(
      fc.property(parameters, p => {
        const values = valuesOf(p);
        expectEveryKeyDescribed(values);
        expect(violations(values)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  describe('rejects what Helm must refuse, naming the field', () => {
    const base = () => valuesOf({ name: 'todo' });

    it('a wrong type', () => {
      const values = base();
      values.backend.replicas = 'three';
      expect(violations(values)).toEqual([
        '/backend/replicas: must be integer',
      ]);
    });

    it('an unknown key at any depth', () => {
      const values = base();
      values.replicaCount = 3;
      values.backend.autoscaling.maxReplica = 4;
      expect(violations(values)).toEqual(
        [
          ': unknown key replicaCount',
          '/backend/autoscaling: unknown key maxReplica',
        ].sort(),
      );
    });

    it('a value outside its enum, range or pattern', () => {
      const values = base();
      values.ingress.provider = 'haproxy';
      values.backend.autoscaling.targetCPUUtilizationPercentage = 150;
      values.frontend.resources.limits.memory = 'lots';
      values.ingress.host = 'Not A Host';
      expect(violations(values)).toEqual(
        [
          '/frontend/resources/limits/memory: must match pattern "^\\d+(\\.\\d+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$"',
          '/backend/autoscaling/targetCPUUtilizationPercentage: must be <= 100',
          '/ingress/host: must match pattern "^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"',
          '/ingress/provider: must be equal to one of the allowed values',
        ].sort(),
      );
    });

    it('an unpinned image', () => {
      const values = base();
      values.backend.image.tag = 'latest';
      expect(violations(values)).toEqual([
        '/backend/image/tag: must NOT be valid',
      ]);
    });

    it('a missing key the templates read', () => {
      const values = base();
      delete values.ingress.host;
      delete values.rollout;
      expect(violations(values)).toEqual(
        [
          ": must have required property 'rollout'",
          "/ingress: must have required property 'host'",
        ].sort(),
      );
    });
  });

  it('is what renderChart writes into the chart', () => {
    const files = renderChart(parseDeploymentParameters({ name: 'todo' }));
    const written = files.find(f => f.path === 'values.schema.json');
    expect(JSON.parse(written!.content)).toEqual(chartValuesJsonSchema());
  });
});
