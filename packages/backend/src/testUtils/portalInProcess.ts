import { createBackend } from '@backstage/backend-defaults';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import fs from 'node:fs';
import path from 'node:path';
import { backendFeatures } from '../features';
import { guestToken } from './guestSignIn';
import { APP_CONFIG_FILE, REPO_ROOT } from './paths';
import { freePort } from './polling';

const BACKEND_DIR = path.join(REPO_ROOT, 'packages/backend');

/**
 * The portal backend as the benches start it: in this process (so a bench can
 * profile it and read its memory), with every feature of features.ts, the real
 * app-config.yaml and an overlay for the port, guest sign-in and the local
 * destination; signed in as the guest, as the sign-in page does.
 * `workingDirectory` sets backend.workingDirectory, where the scaffolder writes
 * dry-run uploads and task workspaces (default: the OS's temporary folder).
 */
export async function startPortalInProcess(
  workDir: string,
  options: { workingDirectory?: string } = {},
) {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const localReposDir = path.join(workDir, 'local-repos');
  const overlay = path.join(workDir, 'app-config.bench.yaml');
  fs.writeFileSync(
    overlay,
    JSON.stringify({
      backend: {
        baseUrl,
        listen: { port },
        ...(options.workingDirectory
          ? { workingDirectory: options.workingDirectory }
          : {}),
      },
      // `yarn start` runs with NODE_ENV=development, where guest sign-in needs no flag.
      auth: {
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
      evolutionTodo: { localPublish: { directory: localReposDir } },
    }),
  );
  // app-config.yaml's file locations are relative to packages/backend, where the portal runs.
  process.chdir(BACKEND_DIR);
  process.env.LOG_LEVEL ??= 'warn';
  const backend = createBackend();
  backend.add(
    rootConfigServiceFactory({
      argv: ['--config', APP_CONFIG_FILE, '--config', overlay],
      watch: false,
    }),
  );
  backendFeatures.forEach(feature => backend.add(feature));
  await backend.start();

  const token = await guestToken(baseUrl);
  const api = (urlPath: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${urlPath}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
  return { backend, api, baseUrl, token, localReposDir };
}

export type PortalInProcess = Awaited<ReturnType<typeof startPortalInProcess>>;
export type PortalApi = PortalInProcess['api'];

/** Whether the catalog serves the entity `kind:namespace/name`. */
export async function entityExists(api: PortalApi, ref: string) {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  const res = await api(
    `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
  );
  return res.ok;
}
