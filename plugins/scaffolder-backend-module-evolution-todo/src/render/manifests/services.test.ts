import { LABELS } from '@evolution-todo/plugin-evolution-todo-common';
import { renderDataStores } from './dataStores';
import { renderServices } from './services';
import type { ManifestRenderer } from './types';
import { renderAppDeployments } from './workloads';
import { renderFamily, selects } from '../__testUtils__/workloadFamilies';

/** Services with the workloads they must reach. */
const withWorkloads: ManifestRenderer = ctx => [
  ...renderServices(ctx),
  ...renderAppDeployments(ctx),
  ...renderDataStores(ctx),
];

/** The pod templates a Service selects and the number of pods they run. */
function backing(service: any, objects: any[]) {
  return objects.filter(
    o =>
      o.spec?.template &&
      selects(service.spec.selector, o.spec.template.metadata.labels),
  );
}

describe.each([
  ['rolling', { name: 'todo' }],
  [
    'blue-green',
    {
      name: 'todo',
      rollout: {
        strategy: 'blue-green' as const,
        activeColor: 'green' as const,
      },
    },
  ],
  ['redis off', { name: 'todo', redis: { enabled: false } }],
])('renderServices (%s)', (_label, parameters) => {
  const { objects, ofKind } = renderFamily(withWorkloads, parameters);
  const services = ofKind('Service');

  it('selects exactly one workload per Service, whose containers declare the target ports', () => {
    for (const service of services) {
      const workloads = backing(service, objects);
      expect(workloads).toHaveLength(1);
      const declared = workloads[0].spec.template.spec.containers.flatMap(
        (c: any) => c.ports.map((p: any) => p.name),
      );
      for (const port of service.spec.ports) {
        expect(declared).toContain(port.targetPort);
        expect(port.name).toBe(port.targetPort);
      }
    }
  });

  it('puts every workload that runs pods behind a Service (the idle colour runs none)', () => {
    const running = objects.filter(
      o => o.spec?.template && o.spec.replicas !== 0,
    );
    expect(running.length).toBeGreaterThan(0);
    for (const workload of running) {
      const labels = workload.spec.template.metadata.labels;
      expect(services.some(s => selects(s.spec.selector, labels))).toBe(true);
    }
  });
});

describe('renderServices', () => {
  it('exposes each app as a ClusterIP Service with port http', () => {
    const { get } = renderFamily(renderServices, { name: 'todo' });
    expect(get('Service', 'todo-backend').spec).toEqual({
      type: 'ClusterIP',
      selector: {
        [LABELS.name]: 'evolution-todo',
        [LABELS.instance]: 'todo',
        [LABELS.component]: 'backend',
      },
      ports: [
        { name: 'http', port: 8000, targetPort: 'http', protocol: 'TCP' },
      ],
    });
    expect(get('Service', 'todo-frontend').spec.ports[0].port).toBe(3000);
    expect(get('Service', 'todo-mcp').spec.ports[0].port).toBe(8080);
  });

  it('sends blue-green traffic to the active colour only', () => {
    const { objects, get } = renderFamily(withWorkloads, {
      name: 'shop',
      rollout: { strategy: 'blue-green', activeColor: 'green' },
    });
    for (const component of ['frontend', 'backend', 'mcp']) {
      const service = get('Service', `shop-${component}`);
      expect(service.spec.selector[LABELS.color]).toBe('green');
      expect(backing(service, objects).map(o => o.metadata.name)).toEqual([
        `shop-${component}-green`,
      ]);
    }
  });

  it('gives PostgreSQL a headless Service for the StatefulSet and a client Service', () => {
    const { get, files } = renderFamily(renderServices, { name: 'todo' });
    const headless = get('Service', 'todo-postgres-headless');
    const client = get('Service', 'todo-postgres');
    expect(headless.spec).toMatchObject({
      clusterIP: 'None',
      publishNotReadyAddresses: true,
    });
    expect(client.spec).not.toHaveProperty('clusterIP');
    expect(client.spec.ports).toEqual([
      {
        name: 'tcp-postgres',
        port: 5432,
        targetPort: 'tcp-postgres',
        protocol: 'TCP',
      },
    ]);
    expect(files.filter(f => f === 'services/postgres.yaml')).toHaveLength(2);
  });

  it('has no Redis Service when Redis is disabled', () => {
    const { objects } = renderFamily(renderServices, {
      name: 'todo',
      redis: { enabled: false },
    });
    expect(objects.map(o => o.metadata.name)).not.toContain('todo-redis');
  });
});
