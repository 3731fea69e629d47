import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_DATABASES } from './__testUtils__/databases';
import { eventually, freePort } from './testUtils/polling';
import { startPostgres, type PostgresServer } from './__testUtils__/postgres';
import { startReplica, type Replica } from './__testUtils__/replica';

// The portal backend as its own process (every feature of features.ts, the real app-config.yaml),
// stopped the way Kubernetes stops a pod: SIGTERM, then SIGKILL once the termination grace
// period has passed. The events backend's bus holds a subscriber's long poll open for up to 55 s;
// stopping must not wait for it.

/**
 * The bound the portal promises for a clean stop (issue 12): like a pod's
 * terminationGracePeriodSeconds, a behavioural limit after which the process
 * is killed, not a speed target.
 */
const TERMINATION_GRACE_PERIOD_MS = 5_000;

/** The bus's debug message when a poll finds nothing to deliver: the response is then held. */
const POLL_HELD = /^Reading subscription '[^']+' resulted in 0 events$/;
const SUBSCRIPTION = /^\/api\/events\/bus\/v1\/subscriptions\/catalog\.[^/]+$/;
const LONG_POLL = /^\/api\/events\/bus\/v1\/subscriptions\/[^/]+\/events$/;

interface LogEntry {
  level: string;
  message: string;
  type?: string;
  method?: string;
  url?: string;
  status?: number;
}

describe.each(TEST_DATABASES)('stopping the portal backend (%s)', database => {
  let postgres: PostgresServer | undefined;
  let backend: Replica;
  let root: string;

  const log = () => fs.readFileSync(backend.logFile, 'utf8');
  /** The backend's JSON log lines (NODE_ENV=production logs JSON). */
  const entries = (): LogEntry[] =>
    log()
      .split('\n')
      .filter(line => line.startsWith('{'))
      .map(line => JSON.parse(line));
  const requests = (method: string, url: RegExp, status: number) =>
    entries().filter(
      e =>
        e.type === 'incomingRequest' &&
        e.method === method &&
        url.test(e.url ?? '') &&
        e.status === status,
    );

  beforeAll(async () => {
    postgres = database === 'PostgreSQL' ? await startPostgres() : undefined;
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-shutdown-'));
    const port = await freePort();
    const overlay = path.join(root, 'app-config.test.yaml');
    // JSON is YAML; the config loader merges this over app-config.yaml.
    fs.writeFileSync(
      overlay,
      JSON.stringify({
        backend: {
          baseUrl: `http://localhost:${port}`,
          listen: { port },
          ...(postgres ? { database: postgres.backendDatabaseConfig() } : {}),
        },
        // The process runs with NODE_ENV=production, where guest sign-in needs this flag.
        auth: {
          providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
        },
      }),
    );
    backend = await startReplica({
      name: `portal-${database}`,
      port,
      configFiles: [overlay],
      // Debug level: the bus logs when it holds a poll.
      env: { LOG_LEVEL: 'debug' },
      logDir: root,
    });
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await postgres?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  }, 30_000);

  it('runs the event bus: the catalog subscribes through the events backend, no "events backend not found"', async () => {
    await eventually(
      async () => requests('PUT', SUBSCRIPTION, 201).length > 0 || undefined,
      "the catalog's subscription on the event bus",
    );
    expect(log()).toContain(
      database === 'PostgreSQL'
        ? 'Database is PostgreSQL, using database store'
        : 'Database is not PostgreSQL, using memory store',
    );
    expect(log()).not.toMatch(/events backend not found/i);
  }, 60_000);

  it('exits by itself within the termination grace period while a long poll is held', async () => {
    await eventually(
      async () => entries().some(e => POLL_HELD.test(e.message)) || undefined,
      'a long poll held by the event bus',
    );

    const end = await backend.stop(TERMINATION_GRACE_PERIOD_MS);

    // Not SIGKILLed at the end of the grace period: a clean exit of its own.
    expect(end).toEqual({ code: 0, signal: null });
    // The held poll was answered (the bus's "nothing yet, ask again"), not cut off.
    expect(requests('GET', LONG_POLL, 202)).not.toEqual([]);
  }, 30_000);
});

describe('starting the portal backend with an incomplete config', () => {
  let root: string;
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('exits with the error that stopped it, instead of running half started', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bad-config-'));
    const port = await freePort();
    const overlay = path.join(root, 'app-config.test.yaml');
    fs.writeFileSync(
      overlay,
      JSON.stringify({
        backend: { baseUrl: `http://localhost:${port}`, listen: { port } },
        // The GitHub provider without its client id: app-config.production.yaml
        // with AUTH_GITHUB_CLIENT_ID unset.
        auth: { providers: { github: { production: {} } } },
      }),
    );

    await expect(
      startReplica({
        name: 'portal-bad-config',
        port,
        configFiles: [overlay],
        logDir: root,
      }),
    ).rejects.toThrow(
      /exited during start-up[\s\S]*Missing required config value at 'auth\.providers\.github\.production\.clientId'/,
    );
  }, 180_000);
});
