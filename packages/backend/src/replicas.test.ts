import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import git from 'isomorphic-git';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackendApi } from './__testUtils__/backendApi';
import {
  startFakeOidcIssuer,
  type FakeOidcIssuer,
} from './__testUtils__/fakeOidcIssuer';
import { KubeApiRecorder } from './__testUtils__/kubeApiRecorder';
import { ORG_FILE, REPO_ROOT } from './testUtils/paths';
import { eventually, freePort } from './testUtils/polling';
import { startPostgres, type PostgresServer } from './__testUtils__/postgres';
import { productionEnv, TEST_OIDC_CLIENT } from './__testUtils__/productionEnv';
import { startReplica, type Replica } from './__testUtils__/replica';
import { singleTestClusterConfig } from './__testUtils__/kubernetesConfig';

// Two portal backends as two processes, sharing one PostgreSQL, as a Deployment with two
// replicas runs them. Tasks go to both; each is claimed by one replica. Then one replica is
// killed (SIGKILL) while its tasks run: with task recovery on, the other replica takes the
// stale tasks over, and our actions' checkpoints keep the second run from publishing or
// registering anything again.

const TEMPLATE_FILE = path.join(
  __dirname,
  '__testUtils__/replicaTemplate/template.yaml',
);
const TEMPLATE_REF = 'template:default/replica-publish-register';
const TASKS = 20;
const TASKS_WHEN_KILLED = 10;
/** Pause before publish and before register in the kill phase: tasks are mid-way when the kill comes. */
const PAUSE_MS = 1_500;
/**
 * scaffolder.taskRecovery.staleTimeout: a task whose heartbeat (every 1 s) is older is taken
 * over. Short for the test, long enough that a busy CI machine does not stall a live replica's
 * heartbeats past it (the default is 30 s).
 */
const STALE_SECONDS = 10;
/** The scaffolder looks for stale tasks every 10 s (TaskWorker, fixed). */
const RECOVERY_BOUND_MS = (STALE_SECONDS + 10 + 30) * 1000;

interface TaskRow {
  id: string;
  status: string;
}

describe('two replicas, one PostgreSQL', () => {
  let postgres: PostgresServer;
  let oidcIssuer: FakeOidcIssuer;
  let kube: KubeApiRecorder;
  let root: string;
  let reposDir: string;
  const replicas: Replica[] = [];
  let apis: BackendApi[];
  const tokens = new Map<BackendApi, string>();

  /**
   * The test's own config file, over app-config.production.yaml (whose variables
   * productionEnv sets): only what a test needs on top, i.e. the port, the shared folders,
   * guest sign-in, the test template, a recorded cluster and a short stale timeout.
   */
  function writeConfig(name: string, port: number): string {
    const file = path.join(root, `${name}.yaml`);
    const config = {
      backend: {
        listen: { port },
        // A volume both replicas mount (ReadWriteMany in Kubernetes): a recovered task resumes
        // in the workspace its earlier steps filled.
        workingDirectory: path.join(root, 'work'),
      },
      // Guest sign-in on top of production's providers, for the test's users: production removes
      // guest (null), so the whole entry is given here.
      auth: {
        providers: {
          guest: {
            userEntityRef: 'user:default/guest',
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      },
      evolutionTodo: { localPublish: { directory: reposDir } },
      catalog: {
        locations: [
          {
            type: 'file',
            target: TEMPLATE_FILE,
            rules: [{ allow: ['Template'] }],
          },
          {
            type: 'file',
            target: ORG_FILE,
            rules: [{ allow: ['User', 'Group'] }],
          },
        ],
      },
      kubernetes: singleTestClusterConfig(kube.url),
      // Recovery itself is on in app-config.production.yaml; the test only shortens the wait.
      scaffolder: {
        taskRecovery: { staleTimeout: { seconds: STALE_SECONDS } },
      },
    };
    // JSON is YAML; the config loader merges this over the two app-config files.
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  }

  async function signIn(replica: Replica): Promise<BackendApi> {
    const res = await fetch(`${replica.baseUrl}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    if (!res.ok)
      throw new Error(`guest sign-in on ${replica.name}: ${res.status}`);
    const { token } = (await res.json()).backstageIdentity;
    const api = new BackendApi(replica.baseUrl, `Bearer ${token}`);
    tokens.set(api, token);
    return api;
  }

  async function submit(api: BackendApi, name: string, pauseMilliseconds = 0) {
    const res = await api.request('POST', '/api/scaffolder/v2/tasks', {
      templateRef: TEMPLATE_REF,
      values: { name, pauseMilliseconds },
    });
    if (res.status !== 201)
      throw new Error(`task ${name}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }

  const tasks = () =>
    postgres.query<TaskRow>(
      'backstage_plugin_scaffolder',
      'select id, status from tasks',
    );

  async function eventCounts(type: string): Promise<Map<string, number>> {
    const rows = await postgres.query<{ task_id: string; count: string }>(
      'backstage_plugin_scaffolder',
      'select task_id, count(*) as count from task_events where event_type = $1 group by task_id',
      [type],
    );
    return new Map(rows.map(row => [row.task_id, Number(row.count)]));
  }

  /** Every commit on main of a published repository. */
  async function commits(name: string): Promise<string[]> {
    const log = await git.log({
      fs,
      dir: path.join(reposDir, name),
      ref: 'main',
    });
    return log.map(entry => entry.oid);
  }

  async function fileLocations(): Promise<string[]> {
    const rows = await postgres.query<{ target: string }>(
      'backstage_plugin_catalog',
      "select target from locations where type = 'file' and target like $1",
      [`${reposDir}%`],
    );
    return rows.map(row => row.target).sort();
  }

  async function systems(api: BackendApi): Promise<string[]> {
    const entities = await api.json<Entity[]>(
      'GET',
      '/api/catalog/entities?filter=kind=system',
    );
    return entities
      .map(entity => stringifyEntityRef(entity))
      .filter(ref => /^system:default\/(r|k)\d+$/.test(ref))
      .sort();
  }

  /**
   * Which replica started and finished which task, from the scaffolder's audit
   * events (`scaffolder.task`, actionType execution) in each replica's JSON log.
   */
  function executions(): Map<
    string,
    { started: Set<string>; succeeded: Set<string> }
  > {
    return new Map(
      replicas.map(replica => {
        const started = new Set<string>();
        const succeeded = new Set<string>();
        for (const line of fs
          .readFileSync(replica.logFile, 'utf8')
          .split('\n')) {
          if (!line.includes('"actionType":"execution"')) continue;
          const { meta, status } = JSON.parse(line);
          if (status === 'initiated') started.add(meta.taskId);
          if (status === 'succeeded') succeeded.add(meta.taskId);
        }
        return [replica.name, { started, succeeded }];
      }),
    );
  }

  const names = (prefix: string, count: number) =>
    Array.from(
      { length: count },
      (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`,
    );

  beforeAll(async () => {
    postgres = await startPostgres();
    // Production's OIDC provider discovers its issuer at start.
    oidcIssuer = await startFakeOidcIssuer({
      ...TEST_OIDC_CLIENT,
      person: { sub: 'nobody', email: 'nobody@example.com', name: 'Nobody' },
    });
    kube = await KubeApiRecorder.start();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-replicas-'));
    reposDir = path.join(root, 'repos');
    fs.mkdirSync(path.join(root, 'work'));
    fs.mkdirSync(reposDir);
    const ports = [await freePort(), await freePort()];
    // One after the other: both at once would race to create the plugins' databases.
    for (const [index, name] of ['replica-a', 'replica-b'].entries()) {
      replicas.push(
        await startReplica({
          name,
          port: ports[index],
          configFiles: [
            path.join(REPO_ROOT, 'app-config.production.yaml'),
            writeConfig(name, ports[index]),
          ],
          // Both replicas use the same PostgreSQL, through the variables production sets.
          env: productionEnv({ port: ports[index], postgres, oidcIssuer }),
          logDir: root,
        }),
      );
    }
    apis = await Promise.all(replicas.map(signIn));
    for (const api of apis) {
      await eventually(
        () => api.entity(TEMPLATE_REF),
        `${TEMPLATE_REF} on ${api.baseUrl}`,
      );
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all(replicas.map(replica => replica.stop()));
    await postgres?.stop();
    await oidcIssuer?.close();
    await kube?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  }, 60_000);

  describe(`${TASKS} tasks submitted alternately to both replicas`, () => {
    let taskIds: Map<string, string>;

    beforeAll(async () => {
      taskIds = new Map();
      for (const [index, name] of names('r', TASKS).entries()) {
        taskIds.set(name, await submit(apis[index % 2], name));
      }
      await eventually(
        async () => {
          const rows = await tasks();
          return rows.every(row => ['completed', 'failed'].includes(row.status))
            ? rows
            : undefined;
        },
        `${TASKS} tasks to finish`,
        { timeoutMs: 120_000, intervalMs: 250 },
      );
    }, 180_000);

    it('completes every task exactly once', async () => {
      const rows = await tasks();
      expect(rows.map(row => row.status)).toEqual(
        Array(TASKS).fill('completed'),
      );
      const completions = await eventCounts('completion');
      for (const id of taskIds.values()) expect(completions.get(id)).toBe(1);
      expect(await eventCounts('recovered')).toEqual(new Map());
    }, 30_000);

    it('runs tasks on both replicas, each task on one', () => {
      const runs = executions();
      const ranOn = (id: string) =>
        replicas.filter(replica => runs.get(replica.name)!.started.has(id));
      for (const id of taskIds.values()) expect(ranOn(id)).toHaveLength(1);
      for (const replica of replicas) {
        expect(runs.get(replica.name)!.started.size).toBeGreaterThan(0);
      }
    }, 30_000);

    it('keeps every replica on the event bus: its catalog subscribed there, no "events backend not found"', () => {
      for (const replica of replicas) {
        const log = fs.readFileSync(replica.logFile, 'utf8');
        expect(log).not.toMatch(/events backend not found/i);
        // The rootHttpRouter's request log: the subscription was made on this replica's bus.
        expect(log).toMatch(
          /PUT \/api\/events\/bus\/v1\/subscriptions\/catalog\.\S+ HTTP\/1\.1\S* 201 /,
        );
      }
    }, 30_000);

    // The permission policy lets owners of an entity on Kubernetes read live /health through
    // the proxy (permissions.test.ts has the refusals); the tasks registered such entities
    // owned by the guest's team. Here in a real process, where the Kubernetes backend can load
    // its client (Jest cannot run its dynamic import).
    it("proxies an owner's live /health check to the cluster", async () => {
      const proxied = await fetch(
        `${apis[1].baseUrl}/api/kubernetes/proxy/api/v1/namespaces/todo-demo/services/r01:http/proxy/health`,
        {
          headers: {
            authorization: `Bearer ${tokens.get(apis[1])}`,
            'Backstage-Kubernetes-Cluster': 'test',
          },
        },
      );
      expect(proxied.status).toBe(200);
      expect(await proxied.json()).toEqual({ status: 'ok' });
      expect(kube.requests.map(request => request.path)).toContain(
        '/api/v1/namespaces/todo-demo/services/r01:http/proxy/health',
      );
    }, 30_000);

    it('publishes every repository once, with the commit the task reports', async () => {
      expect(fs.readdirSync(reposDir).sort()).toEqual(names('r', TASKS));
      for (const [name, id] of taskIds) {
        const task = await apis[0].waitForTask(id);
        expect(await commits(name)).toEqual([task.output?.commitHash]);
      }
    }, 30_000);

    it('registers every repository once, and both replicas serve the same catalog', async () => {
      const targets = names('r', TASKS).map(name =>
        path.join(reposDir, name, 'catalog-info.yaml'),
      );
      expect(await fileLocations()).toEqual(targets);
      const expected = names('r', TASKS).map(name => `system:default/${name}`);
      const [a, b] = await Promise.all(apis.map(systems));
      expect(a).toEqual(expected);
      expect(b).toEqual(a);
    }, 30_000);
  });

  describe(`one replica killed (SIGKILL) while ${TASKS_WHEN_KILLED} tasks run`, () => {
    let taskIds: Map<string, string>;
    let unfinishedAtKill: string[];

    beforeAll(async () => {
      const [victim] = replicas;
      taskIds = new Map();
      // Submitted to the replica that is killed: it claims them itself.
      for (const name of names('k', TASKS_WHEN_KILLED)) {
        taskIds.set(name, await submit(apis[0], name, PAUSE_MS));
      }
      // Kill once some repositories are published and the tasks are still running.
      await eventually(
        async () =>
          names('k', TASKS_WHEN_KILLED).filter(name =>
            fs.existsSync(path.join(reposDir, name)),
          ).length >= 3 || undefined,
        'the first repositories of the kill phase',
        { timeoutMs: 60_000, intervalMs: 50 },
      );
      await victim.kill();
      unfinishedAtKill = (await tasks())
        .filter(
          row =>
            [...taskIds.values()].includes(row.id) &&
            row.status !== 'completed',
        )
        .map(row => row.id);
      if (unfinishedAtKill.length === 0) {
        throw new Error(
          'every task had finished before the kill: nothing to recover',
        );
      }

      await eventually(
        async () => {
          const rows = (await tasks()).filter(row =>
            [...taskIds.values()].includes(row.id),
          );
          return rows.every(row => ['completed', 'failed'].includes(row.status))
            ? rows
            : undefined;
        },
        'the killed replica’s tasks to finish on the other replica',
        {
          timeoutMs: RECOVERY_BOUND_MS + TASKS_WHEN_KILLED * PAUSE_MS * 2,
          intervalMs: 250,
        },
      ).catch(error => {
        throw new Error(
          `${error.message}\n--- replica-b log ---\n${replicas[1].logTail()}`,
        );
      });
    }, 240_000);

    it('finishes every task on the surviving replica, each completed once', async () => {
      const rows = (await tasks()).filter(row =>
        [...taskIds.values()].includes(row.id),
      );
      expect(rows.map(row => row.status)).toEqual(
        Array(TASKS_WHEN_KILLED).fill('completed'),
      );
      const completions = await eventCounts('completion');
      for (const id of taskIds.values()) expect(completions.get(id)).toBe(1);
      // The tasks that were running were reopened by the recovery, not started anew by hand.
      const recovered = await eventCounts('recovered');
      expect(
        [...taskIds.values()].filter(id => recovered.has(id)).length,
      ).toBeGreaterThan(0);
      // Whatever was unfinished when A died was finished by the survivor.
      const runs = executions();
      for (const id of unfinishedAtKill) {
        expect(runs.get('replica-b')!.succeeded.has(id)).toBe(true);
      }
    }, 30_000);

    it('gives no repository a second commit', async () => {
      for (const [name, id] of taskIds) {
        const task = await apis[1].waitForTask(id);
        expect(await commits(name)).toEqual([task.output?.commitHash]);
      }
    }, 30_000);

    it('registers no entity twice, and the survivor serves them all', async () => {
      const all = [...names('r', TASKS), ...names('k', TASKS_WHEN_KILLED)];
      expect(await fileLocations()).toEqual(
        all.map(name => path.join(reposDir, name, 'catalog-info.yaml')).sort(),
      );
      const expected = all.map(name => `system:default/${name}`).sort();
      const served = await eventually(
        async () => {
          const found = await systems(apis[1]);
          return found.length === expected.length ? found : undefined;
        },
        'every system on the surviving replica',
        { timeoutMs: 45_000 },
      ).catch(async () => systems(apis[1]));
      expect(served).toEqual(expected);
    }, 60_000);
  });
});
