import { goodStack } from './__testUtils__/fixtures';
import { fieldPath, schemaViolations } from './schema';
import type { LoadedObject } from './types';

const loaded = (object: any): LoadedObject => ({
  object,
  file: 'x.yaml',
  document: 0,
});

describe('schema validation', () => {
  it('passes every object of the compliant stack, CRDs included', () => {
    expect(goodStack().flatMap(schemaViolations)).toEqual([]);
  });

  it('names the field and the rule of a schema error', () => {
    const [deployment] = goodStack().filter(
      o => o.object.kind === 'Deployment',
    );
    const spec = deployment.object.spec as any;
    spec.replicas = 'three';
    spec.template.spec.containers[0].ports[0].containerPort = '8000';
    delete spec.selector;
    expect(
      schemaViolations(deployment).map(v => [
        v.rule,
        v.severity,
        v.field,
        v.problem,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['schema', 'error', 'spec.selector', 'is required'],
        ['schema', 'error', 'spec.replicas', 'must be integer'],
        [
          'schema',
          'error',
          'spec.template.spec.containers[0].ports[0].containerPort',
          'must be integer',
        ],
      ]),
    );
  });

  it('checks Prometheus Operator and Gateway API kinds by their models', () => {
    const route = loaded({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'todo', namespace: 'todo' },
      spec: {
        rules: [{ backendRefs: [{ name: 'todo-frontend', port: 'http' }] }],
      },
    });
    expect(schemaViolations(route).map(v => v.field)).toEqual([
      'spec.rules[0].backendRefs[0].port',
    ]);
    const monitor = loaded({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'todo' },
      spec: { endpoints: [{ port: 'http' }] },
    });
    expect(schemaViolations(monitor).map(v => [v.field, v.problem])).toEqual([
      ['spec.selector', 'is required'],
    ]);
  });

  it('rejects API versions Kubernetes 1.28 no longer serves', () => {
    const pdb = loaded({
      apiVersion: 'policy/v1beta1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'x' },
    });
    expect(schemaViolations(pdb)).toEqual([
      expect.objectContaining({
        rule: 'schema-removed-api',
        severity: 'error',
        problem: 'policy/v1beta1 is no longer served since Kubernetes 1.25',
      }),
    ]);
  });

  it('warns about kinds it has no model for, such as a ServiceMonitor under v1', () => {
    const [violation] = schemaViolations(
      loaded({
        apiVersion: 'v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'x' },
      }),
    );
    expect(violation).toMatchObject({
      rule: 'schema-unknown-kind',
      severity: 'warning',
    });
  });

  it('turns JSON pointers into field paths', () => {
    expect(fieldPath('/spec/containers/0/env/2/value')).toBe(
      'spec.containers[0].env[2].value',
    );
    expect(fieldPath('/metadata/labels/app.kubernetes.io~1name')).toBe(
      'metadata.labels.app.kubernetes.io/name',
    );
    expect(fieldPath('')).toBe('');
  });
});
