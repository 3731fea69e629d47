import { LABELS } from '@evolution-todo/plugin-evolution-todo-common';
import { renderNetworkPolicies } from './networkPolicies';
import { renderFamily } from '../__testUtils__/workloadFamilies';

const render = (parameters: Parameters<typeof renderFamily>[1]) =>
  renderFamily(renderNetworkPolicies, parameters);

/** A peer as a readable name: a component of the release, or `ns:<namespace>`. */
function peerName(release: string, peer: any): string {
  if (peer.namespaceSelector) {
    expect(peer.podSelector).toBeUndefined();
    return `ns:${peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}`;
  }
  const labels = peer.podSelector.matchLabels;
  // Same-namespace pods of this release only.
  expect(labels[LABELS.instance]).toBe(release);
  return labels[LABELS.component];
}

const port = (rule: any) =>
  rule.ports.map((p: any) => `${p.port}/${p.protocol}`).join(',');

/**
 * The connections the policies allow, as `from -> to:port`. With default deny
 * on both sides, a connection between two pods of the release needs the
 * sender's egress and the receiver's ingress; traffic from another namespace
 * needs only the receiver's ingress, traffic to one only the sender's egress.
 */
function allowedConnections(policies: any[], release: string) {
  const ingress = new Set<string>();
  const egress = new Set<string>();
  const components = (policy: any) =>
    policy.spec.podSelector.matchLabels?.[LABELS.component] ?? '*';
  for (const policy of policies) {
    const self = components(policy);
    for (const rule of policy.spec.ingress ?? []) {
      for (const peer of rule.from) {
        ingress.add(`${peerName(release, peer)} -> ${self}:${port(rule)}`);
      }
    }
    for (const rule of policy.spec.egress ?? []) {
      for (const peer of rule.to) {
        egress.add(`${self} -> ${peerName(release, peer)}:${port(rule)}`);
      }
    }
  }
  const internal = (edge: string) =>
    !edge.startsWith('ns:') && !edge.includes('-> ns:');
  const halfOpen = [
    ...[...ingress].filter(e => internal(e) && !egress.has(e)),
    ...[...egress].filter(e => internal(e) && !ingress.has(e)),
  ];
  return {
    connections: [
      ...[...ingress].filter(e => !internal(e) || egress.has(e)),
      ...[...egress].filter(e => !internal(e)),
    ].sort(),
    halfOpen,
  };
}

const DNS = '* -> ns:kube-system:53/UDP,53/TCP';

describe.each([
  [
    'defaults: traefik, monitoring, redis',
    { name: 'todo' },
    [
      DNS,
      'ns:traefik -> frontend:3000/TCP',
      'ns:traefik -> mcp:8080/TCP',
      'ns:traefik -> backend:8000/TCP',
      'frontend -> backend:8000/TCP',
      'mcp -> backend:8000/TCP',
      'ns:monitoring -> backend:8000/TCP',
      'ns:monitoring -> mcp:8080/TCP',
      'backend -> postgres:5432/TCP',
      'backend -> redis:6379/TCP',
      'ns:monitoring -> postgres-exporter:9187/TCP',
      'postgres-exporter -> postgres:5432/TCP',
      'ns:monitoring -> redis-exporter:9121/TCP',
      'redis-exporter -> redis:6379/TCP',
    ],
  ],
  [
    'nginx, monitoring and redis off',
    {
      name: 'todo',
      ingress: { provider: 'nginx' as const },
      monitoring: { enabled: false },
      redis: { enabled: false },
    },
    [
      DNS,
      'ns:ingress-nginx -> frontend:3000/TCP',
      'ns:ingress-nginx -> mcp:8080/TCP',
      'ns:ingress-nginx -> backend:8000/TCP',
      'frontend -> backend:8000/TCP',
      'mcp -> backend:8000/TCP',
      'backend -> postgres:5432/TCP',
    ],
  ],
  [
    'gateway in its own namespace, monitoring on, redis off',
    {
      name: 'todo',
      ingress: {
        provider: 'gateway' as const,
        gateway: { name: 'edge', namespace: 'gateways' },
      },
      redis: { enabled: false },
    },
    [
      DNS,
      'ns:gateways -> frontend:3000/TCP',
      'ns:gateways -> mcp:8080/TCP',
      'ns:gateways -> backend:8000/TCP',
      'frontend -> backend:8000/TCP',
      'mcp -> backend:8000/TCP',
      'ns:monitoring -> backend:8000/TCP',
      'ns:monitoring -> mcp:8080/TCP',
      'backend -> postgres:5432/TCP',
      'ns:monitoring -> postgres-exporter:9187/TCP',
      'postgres-exporter -> postgres:5432/TCP',
    ],
  ],
  [
    'no ingress, monitoring off',
    {
      name: 'todo',
      ingress: { enabled: false },
      monitoring: { enabled: false },
    },
    [
      DNS,
      'frontend -> backend:8000/TCP',
      'mcp -> backend:8000/TCP',
      'backend -> postgres:5432/TCP',
      'backend -> redis:6379/TCP',
    ],
  ],
])('renderNetworkPolicies (%s)', (_label, parameters, expected) => {
  const { objects } = render(parameters);

  it('allows exactly the paths the stack needs', () => {
    const { connections, halfOpen } = allowedConnections(objects, 'todo');
    expect(connections).toEqual([...expected].sort());
    // A rule the other side does not match would be dead weight or a mistake.
    expect(halfOpen).toEqual([]);
  });

  it('starts from a default deny of all traffic in the namespace', () => {
    const deny = objects.find(o => o.metadata.name === 'todo-default-deny');
    expect(deny.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  it('names the directions each policy governs and nothing more', () => {
    for (const policy of objects.filter(
      o => o.metadata.name !== 'todo-default-deny',
    )) {
      const types = [
        ...(policy.spec.ingress ? ['Ingress'] : []),
        ...(policy.spec.egress ? ['Egress'] : []),
      ];
      expect(policy.spec.policyTypes).toEqual(types);
      expect(policy.metadata.labels[LABELS.kubernetesId]).toBe('todo');
      expect(policy.metadata.namespace).toBe('todo');
    }
  });
});

describe('renderNetworkPolicies', () => {
  it("lets only the release's pods resolve names, through kube-system", () => {
    const { get, files } = render({ name: 'todo' });
    expect(get('NetworkPolicy', 'todo-allow-dns').spec.podSelector).toEqual({
      matchLabels: {
        [LABELS.name]: 'evolution-todo',
        [LABELS.instance]: 'todo',
      },
    });
    expect(new Set(files)).toEqual(new Set(['networkpolicies.yaml']));
  });
});
