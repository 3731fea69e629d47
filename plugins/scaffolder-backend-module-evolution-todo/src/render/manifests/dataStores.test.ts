import { LABELS } from '@evolution-todo/plugin-evolution-todo-common';
import { renderDataStores } from './dataStores';
import { renderFamily, selects } from '../__testUtils__/workloadFamilies';

const render = (parameters: Parameters<typeof renderFamily>[1]) =>
  renderFamily(renderDataStores, parameters);

const container = (workload: any) => workload.spec.template.spec.containers[0];
const envOf = (workload: any) =>
  Object.fromEntries(
    container(workload).env.map((e: any) => [e.name, e.value ?? e.valueFrom]),
  );

describe('PostgreSQL StatefulSet', () => {
  const { get, files } = render({
    name: 'todo',
    postgres: {
      storage: '20Gi',
      storageClass: 'fast-ssd',
      database: 'tasks',
      username: 'app',
    },
  });
  const postgres = get('StatefulSet', 'todo-postgres');

  it('is <release>-postgres behind the headless Service, in statefulsets/postgres.yaml', () => {
    expect(files).toContain('statefulsets/postgres.yaml');
    expect(postgres.spec.serviceName).toBe('todo-postgres-headless');
    expect(postgres.spec.replicas).toBe(1);
    expect(
      selects(
        postgres.spec.selector.matchLabels,
        postgres.spec.template.metadata.labels,
      ),
    ).toBe(true);
    expect(postgres.spec.template.metadata.labels[LABELS.kubernetesId]).toBe(
      'todo',
    );
  });

  it('claims a volume of the requested size and class, with immutable labels only', () => {
    expect(postgres.spec.volumeClaimTemplates).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', labels: postgres.spec.selector.matchLabels },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'fast-ssd',
          resources: { requests: { storage: '20Gi' } },
        },
      },
    ]);
  });

  it('uses the cluster default StorageClass when none is given', () => {
    const claim = render({ name: 'todo' }).get('StatefulSet', 'todo-postgres')
      .spec.volumeClaimTemplates[0];
    expect(claim.spec).not.toHaveProperty('storageClassName');
    expect(claim.spec.resources.requests.storage).toBe('10Gi');
  });

  it('keeps PGDATA below the mounted volume, so initdb can own it as UID 10001', () => {
    const env = envOf(postgres);
    const dataMount = container(postgres).volumeMounts.find(
      (m: any) => m.name === 'data',
    );
    expect(env.PGDATA.startsWith(`${dataMount.mountPath}/`)).toBe(true);
    expect(postgres.spec.template.spec.securityContext).toMatchObject({
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      runAsNonRoot: true,
    });
  });

  it('writes only to its volume and emptyDirs (socket dir and /tmp)', () => {
    const c = container(postgres);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    const volumes = new Map(
      postgres.spec.template.spec.volumes.map((v: any) => [v.name, v]),
    );
    for (const mount of c.volumeMounts.filter((m: any) => m.name !== 'data')) {
      expect(volumes.get(mount.name)).toHaveProperty('emptyDir');
    }
    expect(c.volumeMounts.map((m: any) => m.mountPath)).toEqual(
      expect.arrayContaining(['/var/run/postgresql', '/tmp']),
    );
  });

  it('creates the database and user from the spec, the password from the chart Secret', () => {
    expect(envOf(postgres)).toMatchObject({
      POSTGRES_DB: 'tasks',
      POSTGRES_USER: 'app',
      POSTGRES_PASSWORD: {
        secretKeyRef: { name: 'todo-postgres-auth', key: 'postgres-password' },
      },
    });
  });

  it('takes the password from postgres.existingSecret when one is named', () => {
    const statefulSet = render({
      name: 'todo',
      postgres: { existingSecret: 'vault-db' },
    }).get('StatefulSet', 'todo-postgres');
    expect(envOf(statefulSet).POSTGRES_PASSWORD.secretKeyRef.name).toBe(
      'vault-db',
    );
  });

  it('probes with pg_isready over TCP, with different patience per probe', () => {
    const c = container(postgres);
    for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
      expect(probe.exec.command).toEqual([
        'pg_isready',
        '--host',
        '127.0.0.1',
        '--port',
        '5432',
        '--username',
        'app',
        '--dbname',
        'tasks',
      ]);
    }
    expect(c.livenessProbe).not.toEqual(c.readinessProbe);
    expect(c.ports).toEqual([
      { name: 'tcp-postgres', containerPort: 5432, protocol: 'TCP' },
    ]);
  });

  it('pins the image of the chosen PostgreSQL major', () => {
    const statefulSet = render({
      name: 'todo',
      postgres: { version: '18' },
    }).get('StatefulSet', 'todo-postgres');
    expect(container(statefulSet).image).toMatch(/^postgres:18\.\d+-alpine/);
  });
});

describe('Redis Deployment', () => {
  it('runs one replica without persistence, read-only with an emptyDir /data', () => {
    const redis = render({ name: 'todo' }).get('Deployment', 'todo-redis');
    const c = container(redis);
    expect(redis.spec.replicas).toBe(1);
    expect(redis.spec.strategy.rollingUpdate).toEqual({
      maxSurge: 1,
      maxUnavailable: 0,
    });
    expect(c.args).toEqual(
      expect.arrayContaining(['--save', '', '--appendonly', 'no']),
    );
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(c.volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
    expect(redis.spec.template.spec.volumes).toEqual([
      { name: 'data', emptyDir: { sizeLimit: '64Mi' } },
    ]);
    expect(c.readinessProbe.exec.command).toEqual([
      'redis-cli',
      '-p',
      '6379',
      'ping',
    ]);
    expect(c.livenessProbe).not.toEqual(c.readinessProbe);
    expect(redis.spec.template.metadata.labels[LABELS.kubernetesId]).toBe(
      'todo',
    );
  });

  it('is not rendered when Redis is disabled', () => {
    const { objects } = render({ name: 'todo', redis: { enabled: false } });
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'StatefulSet/todo-postgres',
    ]);
  });
});
