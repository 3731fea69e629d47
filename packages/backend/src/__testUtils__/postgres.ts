import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { eventually, freePort } from '../testUtils/polling';

/** Debian's PostgreSQL (package postgresql); POSTGRES_BINDIR points elsewhere. */
const DEFAULT_BINDIR = '/usr/lib/postgresql/15/bin';
/** postgres refuses to run as root: a root test process runs it as this user. */
const UNPRIVILEGED_USER = 'nobody';
const SUPERUSER = 'postgres';

/** What app-config's backend.database needs to reach the server. */
export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface PostgresServer {
  connection: PostgresConnection;
  /** `backend.database` for a portal backend on this server. */
  backendDatabaseConfig(): {
    client: 'pg';
    connection: PostgresConnection;
  };
  /** Runs one SQL query against a database of the server (e.g. a plugin's). */
  query<T extends object>(
    database: string,
    sql: string,
    values?: unknown[],
  ): Promise<T[]>;
  stop(): Promise<void>;
}

// The server runs under a shell that stops it (fast shutdown) and deletes its
// folder when its stdin closes: when stop() closes it, and equally when the
// test process dies without calling stop(), since the pipe closes with it.
const SUPERVISOR = `
root="$4"
"$1/postgres" -D "$2" -p "$3" -h 127.0.0.1 -k "$4" \\
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off \\
  -c max_connections=300 -c log_min_messages=warning &
pid=$!
finish() { kill -INT "$pid" 2>/dev/null; wait "$pid"; rm -rf "$root"; exit 0; }
# Signals reach this shell too when the test process's group is stopped.
trap finish TERM INT HUP
while read -r _; do :; done
finish
`;

function asUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', UNPRIVILEGED_USER, '--', command, ...args]]
    : [command, args];
}

function findBindir(): string {
  const bindir = process.env.POSTGRES_BINDIR ?? DEFAULT_BINDIR;
  if (!fs.existsSync(path.join(bindir, 'postgres'))) {
    throw new Error(
      `PostgreSQL not found in ${bindir}: install Debian's postgresql (bash scripts/ensure-debian-packages.sh postgresql) or set POSTGRES_BINDIR`,
    );
  }
  return bindir;
}

/**
 * Starts a throwaway PostgreSQL server: a fresh cluster in a temporary
 * directory, listening on a free port of 127.0.0.1 with password
 * authentication, durability off (a test needs no crash safety). stop()
 * shuts it down and deletes the directory.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bindir = findBindir();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-postgres-'));
  const dataDir = path.join(root, 'data');
  const password = randomBytes(12).toString('hex');
  const pwFile = path.join(root, 'password');
  fs.writeFileSync(pwFile, password, { mode: 0o600 });
  if (process.getuid?.() === 0) {
    const { uid, gid } = userIds(UNPRIVILEGED_USER);
    fs.chownSync(root, uid, gid);
    fs.chownSync(pwFile, uid, gid);
  }

  let server: ChildProcess | undefined;
  const stderr: string[] = [];
  const cleanUp = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise(resolve => server!.once('exit', resolve));
      server.stdin?.end();
      const timer = setTimeout(() => server?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(root, { recursive: true, force: true });
  };

  try {
    const [initdb, initdbArgs] = asUser(path.join(bindir, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      SUPERUSER,
      `--pwfile=${pwFile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=peer',
      '--encoding=UTF8',
      '--no-instructions',
      '--no-sync',
    ]);
    const init = spawnSync(initdb, initdbArgs, { encoding: 'utf8' });
    if (init.status !== 0) {
      throw new Error(`initdb failed: ${init.stderr || init.error}`);
    }

    const port = await freePort();
    const [shell, shellArgs] = asUser('sh', [
      '-c',
      SUPERVISOR,
      'sh',
      bindir,
      dataDir,
      String(port),
      root,
    ]);
    server = spawn(shell, shellArgs, { stdio: ['pipe', 'ignore', 'pipe'] });
    server.stderr?.on('data', chunk => stderr.push(String(chunk)));
    const connection = { host: '127.0.0.1', port, user: SUPERUSER, password };

    const query = async <T extends object>(
      database: string,
      sql: string,
      values?: unknown[],
    ): Promise<T[]> => {
      const client = new Client({ ...connection, database });
      await client.connect();
      try {
        return (await client.query(sql, values)).rows as T[];
      } finally {
        await client.end();
      }
    };

    await eventually(
      async () => {
        if (server?.exitCode !== null) {
          throw new Error(`postgres exited: ${stderr.join('')}`);
        }
        return query('postgres', 'select 1').then(
          () => true,
          () => undefined,
        );
      },
      `PostgreSQL on port ${port}`,
      { timeoutMs: 30_000, intervalMs: 100 },
    );

    return {
      connection,
      backendDatabaseConfig: () => ({ client: 'pg', connection }),
      query,
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function userIds(user: string): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, user], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}
