import {
  APP_COMPONENTS,
  LABELS,
} from '@evolution-todo/plugin-evolution-todo-common';
import { appConfigData } from './configMaps';
import { goJson, sha256Hex } from './goJson';
import { CONFIG_CHECKSUM_ANNOTATION, renderAppDeployments } from './workloads';
import { renderFamily, selects } from '../__testUtils__/workloadFamilies';

const render = (parameters: Parameters<typeof renderFamily>[1]) =>
  renderFamily(renderAppDeployments, parameters);

const podSpec = (deployment: any) => deployment.spec.template.spec;
const container = (deployment: any) => podSpec(deployment).containers[0];

describe('renderAppDeployments, rolling', () => {
  const { objects, files, get } = render({ name: 'todo' });

  it('renders one Deployment per app, in deployments/<component>.yaml', () => {
    expect(objects.map(o => o.metadata.name)).toEqual([
      'todo-frontend',
      'todo-backend',
      'todo-mcp',
    ]);
    expect(files).toEqual([
      'deployments/frontend.yaml',
      'deployments/backend.yaml',
      'deployments/mcp.yaml',
    ]);
  });

  it.each(APP_COMPONENTS)(
    '%s: pod template carries the Backstage kubernetes-id and matches the selector',
    component => {
      const deployment = get('Deployment', `todo-${component}`);
      const labels = deployment.spec.template.metadata.labels;
      expect(labels[LABELS.kubernetesId]).toBe('todo');
      expect(labels[LABELS.component]).toBe(component);
      expect(labels[LABELS.instance]).toBe('todo');
      expect(deployment.metadata.namespace).toBe('todo');
      expect(selects(deployment.spec.selector.matchLabels, labels)).toBe(true);
    },
  );

  it.each(APP_COMPONENTS)(
    '%s: runs restricted, as a tokenless dedicated account',
    component => {
      const deployment = get('Deployment', `todo-${component}`);
      expect(podSpec(deployment)).toMatchObject({
        serviceAccountName: 'todo',
        automountServiceAccountToken: false,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 10001,
          runAsGroup: 10001,
          fsGroup: 10001,
          seccompProfile: { type: 'RuntimeDefault' },
        },
      });
      expect(container(deployment).securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      });
    },
  );

  it.each(APP_COMPONENTS)(
    '%s: every mounted path is an emptyDir, /tmp included',
    component => {
      const deployment = get('Deployment', `todo-${component}`);
      const volumes = new Map(
        podSpec(deployment).volumes.map((v: any) => [v.name, v]),
      );
      const mounts = container(deployment).volumeMounts;
      expect(mounts.map((m: any) => m.mountPath)).toContain('/tmp');
      for (const mount of mounts) {
        expect(volumes.get(mount.name)).toMatchObject({
          emptyDir: { sizeLimit: expect.any(String) },
        });
      }
    },
  );

  it('gives the Next.js frontend a writable cache directory', () => {
    const mounts = container(get('Deployment', 'todo-frontend')).volumeMounts;
    expect(mounts.map((m: any) => m.mountPath)).toEqual([
      '/tmp',
      '/app/.next/cache',
    ]);
  });

  it.each([
    ['frontend', '/api/health', '/api/health'],
    ['backend', '/health', '/readiness'],
    ['mcp', '/health', '/health'],
  ])(
    '%s: liveness %s and readiness %s differ, startup guards liveness',
    (component, live, ready) => {
      const c = container(get('Deployment', `todo-${component}`));
      expect(c.livenessProbe.httpGet).toEqual({ path: live, port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: ready, port: 'http' });
      expect(c.livenessProbe).not.toEqual(c.readinessProbe);
      expect(c.startupProbe.httpGet).toEqual(c.livenessProbe.httpGet);
      // The startup probe gives the app far longer than liveness would.
      const patience = (p: any) => p.periodSeconds * p.failureThreshold;
      expect(patience(c.startupProbe)).toBeGreaterThan(
        patience(c.livenessProbe),
      );
      expect(c.ports).toEqual([expect.objectContaining({ name: 'http' })]);
    },
  );

  it.each(APP_COMPONENTS)(
    '%s: drains before it stops and rolls without losing capacity',
    component => {
      const deployment = get('Deployment', `todo-${component}`);
      const [command, seconds] =
        container(deployment).lifecycle.preStop.exec.command;
      expect(command).toBe('sleep');
      expect(Number(seconds)).toBeGreaterThan(0);
      expect(Number(seconds)).toBeLessThan(
        podSpec(deployment).terminationGracePeriodSeconds,
      );
      expect(deployment.spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      });
      expect(podSpec(deployment).topologySpreadConstraints).toEqual([
        expect.objectContaining({
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: deployment.spec.selector.matchLabels },
        }),
      ]);
    },
  );

  it('states no replicas where the HPA scales (backend by default), the spec count elsewhere', () => {
    expect(get('Deployment', 'todo-backend').spec).not.toHaveProperty(
      'replicas',
    );
    expect(get('Deployment', 'todo-frontend').spec.replicas).toBe(3);
    expect(get('Deployment', 'todo-mcp').spec.replicas).toBe(2);
  });

  it('reads the environment from the app ConfigMap, the backend password from the Secret', () => {
    for (const component of APP_COMPONENTS) {
      expect(container(get('Deployment', `todo-${component}`)).envFrom).toEqual(
        [{ configMapRef: { name: `todo-${component}` } }],
      );
    }
    expect(container(get('Deployment', 'todo-backend')).env).toEqual([
      {
        name: 'DATABASE_PASSWORD',
        valueFrom: {
          secretKeyRef: {
            name: 'todo-postgres-auth',
            key: 'postgres-password',
          },
        },
      },
    ]);
    expect(container(get('Deployment', 'todo-frontend')).env).toBeUndefined();
  });

  it('takes image and resources from the spec', () => {
    const c = container(get('Deployment', 'todo-frontend'));
    expect(c.image).toBe('ghcr.io/evolution-todo/todo-frontend:0.1.0');
    expect(c.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '200m', memory: '256Mi' },
    });
  });
});

describe('the checksum/config annotation', () => {
  const checksum = (parameters: Parameters<typeof render>[0], name: string) =>
    render(parameters).get('Deployment', name).spec.template.metadata
      .annotations[CONFIG_CHECKSUM_ANNOTATION];

  it('is the sha256 of the ConfigMap data as Helm toJson writes it', () => {
    const { ctx, get } = render({ name: 'todo' });
    const expected = sha256Hex(goJson(appConfigData(ctx, 'backend')));
    expect(
      get('Deployment', 'todo-backend').spec.template.metadata.annotations,
    ).toEqual({ [CONFIG_CHECKSUM_ANNOTATION]: expected });
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes, and so rolls the pods, exactly when that app configuration changes', () => {
    const base = { name: 'todo' };
    const withoutRedis = { name: 'todo', redis: { enabled: false } };
    expect(checksum(withoutRedis, 'todo-backend')).not.toBe(
      checksum(base, 'todo-backend'),
    );
    expect(checksum(withoutRedis, 'todo-frontend')).toBe(
      checksum(base, 'todo-frontend'),
    );
    const otherDatabase = { name: 'todo', postgres: { database: 'tasks' } };
    expect(checksum(otherDatabase, 'todo-backend')).not.toBe(
      checksum(base, 'todo-backend'),
    );
    expect(checksum(otherDatabase, 'todo-mcp')).toBe(
      checksum(base, 'todo-mcp'),
    );
  });
});

describe('renderAppDeployments, blue-green', () => {
  const { objects, get } = render({
    name: 'shop',
    rollout: { strategy: 'blue-green', activeColor: 'green' },
  });

  it('renders both colours of every app, named <release>-<component>-<color>', () => {
    expect(objects.map(o => o.metadata.name)).toEqual([
      'shop-frontend-blue',
      'shop-frontend-green',
      'shop-backend-blue',
      'shop-backend-green',
      'shop-mcp-blue',
      'shop-mcp-green',
    ]);
  });

  it('labels and selects the pods by colour, so the colours never share pods', () => {
    const blue = get('Deployment', 'shop-frontend-blue');
    const green = get('Deployment', 'shop-frontend-green');
    expect(blue.spec.template.metadata.labels[LABELS.color]).toBe('blue');
    expect(green.spec.template.metadata.labels[LABELS.color]).toBe('green');
    expect(
      selects(
        blue.spec.selector.matchLabels,
        green.spec.template.metadata.labels,
      ),
    ).toBe(false);
    expect(
      selects(
        green.spec.selector.matchLabels,
        blue.spec.template.metadata.labels,
      ),
    ).toBe(false);
    expect(
      blue.spec.template.spec.topologySpreadConstraints[0].labelSelector
        .matchLabels,
    ).toEqual(blue.spec.selector.matchLabels);
  });

  it('keeps the idle colour at 0 replicas and leaves the active one to its HPA', () => {
    expect(get('Deployment', 'shop-frontend-blue').spec.replicas).toBe(0);
    expect(get('Deployment', 'shop-frontend-green').spec.replicas).toBe(3);
    expect(get('Deployment', 'shop-backend-blue').spec.replicas).toBe(0);
    expect(get('Deployment', 'shop-backend-green').spec).not.toHaveProperty(
      'replicas',
    );
  });

  it('feeds both colours the same configuration', () => {
    const annotation = (name: string) =>
      get('Deployment', name).spec.template.metadata.annotations[
        CONFIG_CHECKSUM_ANNOTATION
      ];
    expect(annotation('shop-mcp-blue')).toBe(annotation('shop-mcp-green'));
  });
});

describe('renderAppDeployments with every app autoscaled and an existing Secret', () => {
  const { objects, get } = render({
    name: 'big',
    frontend: { autoscaling: { enabled: true } },
    mcp: { autoscaling: { enabled: true } },
    postgres: { existingSecret: 'todo-db' },
  });

  it('states no replicas on any app Deployment', () => {
    for (const deployment of objects) {
      expect(deployment.spec).not.toHaveProperty('replicas');
    }
  });

  it('reads the database password from the existing Secret', () => {
    expect(
      container(get('Deployment', 'big-backend')).env[0].valueFrom.secretKeyRef,
    ).toEqual({
      name: 'todo-db',
      key: 'postgres-password',
    });
  });
});
