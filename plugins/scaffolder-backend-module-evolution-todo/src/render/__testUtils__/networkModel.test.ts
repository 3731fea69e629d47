import { ClusterNetwork, namespaceOf, type ModelPod } from './networkModel';

/**
 * The model's rules against the examples the Kubernetes documentation gives
 * for NetworkPolicy semantics, so the traffic-matrix test rests on the API's
 * behaviour and not on the model's own idea of it.
 */
const pod = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
  ports: ModelPod['ports'] = [],
): ModelPod => ({
  name,
  namespace,
  labels,
  ports,
});

const db = pod('db', 'prod', { role: 'db' }, [
  { name: 'pg', containerPort: 5432 },
]);
const api = pod('api', 'prod', { role: 'api' });
const apiElsewhere = pod('api', 'dev', { role: 'api' });
const monitor = pod('prom', 'monitoring', { app: 'prom' });
const namespaces = ['prod', 'dev', 'monitoring'].map(namespaceOf);

function network(...policies: any[]) {
  return new ClusterNetwork(
    namespaces,
    [db, api, apiElsewhere, monitor],
    policies,
    [],
  );
}
const policy = (spec: any) => ({
  metadata: { name: 'p', namespace: 'prod' },
  spec,
});

describe('the NetworkPolicy model', () => {
  it('allows everything while no policy selects a pod', () => {
    expect(network().podAllows(apiElsewhere, db, 5432)).toBe(true);
  });

  it('isolates for ingress by default (no policyTypes), not for egress', () => {
    const n = network(policy({ podSelector: { matchLabels: { role: 'db' } } }));
    expect(n.podAllows(api, db, 5432)).toBe(false);
    expect(n.podAllows(db, api, 80)).toBe(true);
  });

  it('reads podSelector as "in the policy’s namespace" and a peer with both selectors as AND', () => {
    const n = network(
      policy({
        podSelector: { matchLabels: { role: 'db' } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { role: 'api' } } }] },
        ],
      }),
    );
    expect(n.podAllows(api, db, 5432)).toBe(true);
    expect(n.podAllows(apiElsewhere, db, 5432)).toBe(false);

    const both = network(
      policy({
        podSelector: { matchLabels: { role: 'db' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
                },
                podSelector: { matchLabels: { role: 'api' } },
              },
            ],
          },
        ],
      }),
    );
    expect(both.podAllows(monitor, db, 5432)).toBe(false);
  });

  it('reads two peers as OR', () => {
    const n = network(
      policy({
        podSelector: { matchLabels: { role: 'db' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
                },
              },
              { podSelector: { matchLabels: { role: 'api' } } },
            ],
          },
        ],
      }),
    );
    expect(n.podAllows(monitor, db, 5432)).toBe(true);
    expect(n.podAllows(api, db, 5432)).toBe(true);
    expect(n.podAllows(apiElsewhere, db, 5432)).toBe(false);
  });

  it('resolves a named port on the destination and checks the protocol', () => {
    const n = network(
      policy({
        podSelector: { matchLabels: { role: 'db' } },
        ingress: [{ ports: [{ port: 'pg' }] }],
      }),
    );
    expect(n.podAllows(api, db, 5432)).toBe(true);
    expect(n.podAllows(api, db, 5433)).toBe(false);
    expect(n.podAllows(api, db, 5432, 'UDP')).toBe(false);
  });

  it('needs both the source’s egress and the destination’s ingress', () => {
    const egressOnly = network(
      policy({
        podSelector: { matchLabels: { role: 'api' } },
        policyTypes: ['Egress'],
      }),
    );
    expect(egressOnly.podAllows(api, db, 5432)).toBe(false);
    expect(egressOnly.podAllows(apiElsewhere, db, 5432)).toBe(true);
  });
});
