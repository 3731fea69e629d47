import { createBackend } from '@backstage/backend-defaults';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { backendFeatures } from './features';
import { TEST_DATABASES } from './__testUtils__/databases';
import { eventually, freePort } from './testUtils/polling';
import { startPostgres, type PostgresServer } from './__testUtils__/postgres';

// The real portal backend: every feature of features.ts, the real app-config.yaml and the real
// service implementations (auth, permissions, database, scheduler). Only the port, the log level
// and the guest provider's development-only guard are adjusted for the test.

const backendDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(backendDir, '../..');
const templateFile = path.join(
  repoRoot,
  'templates/evolution-todo/template.yaml',
);
const orgFile = path.join(repoRoot, 'examples/org/org.yaml');

const TEMPLATE_REF = 'template:default/evolution-todo-kubernetes';

// On both databases the portal runs on: app-config.yaml's SQLite, and PostgreSQL as in production.
describe.each(TEST_DATABASES)(
  'portal backend (all features, real app-config.yaml, %s)',
  database => {
    let postgres: PostgresServer | undefined;
    let backend: ReturnType<typeof createBackend>;
    let baseUrl: string;
    let token: string;
    let overlayDir: string;
    const originalCwd = process.cwd();

    const api = (urlPath: string, init: RequestInit = {}) =>
      fetch(`${baseUrl}${urlPath}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...init.headers },
      });

    const getJson = async <T>(urlPath: string): Promise<T> => {
      const res = await api(urlPath);
      if (!res.ok) {
        throw new Error(`GET ${urlPath}: ${res.status} ${await res.text()}`);
      }
      return res.json() as Promise<T>;
    };

    beforeAll(async () => {
      postgres = database === 'PostgreSQL' ? await startPostgres() : undefined;
      const port = await freePort();
      baseUrl = `http://localhost:${port}`;
      overlayDir = await fs.mkdtemp(path.join(os.tmpdir(), 'backend-test-'));
      const overlayFile = path.join(overlayDir, 'app-config.test.yaml');
      // JSON is valid YAML; the config loader merges this over app-config.yaml.
      await fs.writeFile(
        overlayFile,
        JSON.stringify({
          backend: {
            baseUrl,
            listen: { port },
            ...(postgres ? { database: postgres.backendDatabaseConfig() } : {}),
          },
          // Jest sets NODE_ENV=test; `yarn start` runs with NODE_ENV=development, where the
          // guest provider is allowed without this flag.
          auth: {
            providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
          },
        }),
      );

      // app-config.yaml's catalog file locations are relative to packages/backend, where
      // `yarn start` runs the backend; `backstage-cli repo test` runs from the repo root.
      process.chdir(backendDir);

      backend = createBackend();
      backend.add(
        rootConfigServiceFactory({
          argv: [
            '--config',
            path.join(repoRoot, 'app-config.yaml'),
            '--config',
            overlayFile,
          ],
          watch: false,
        }),
      );
      backend.add(mockServices.rootLogger.factory({ level: 'error' }));
      for (const feature of backendFeatures) {
        backend.add(feature);
      }
      await backend.start();

      const refresh = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        method: 'POST',
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      if (!refresh.ok) {
        throw new Error(
          `guest sign-in failed: ${refresh.status} ${await refresh.text()}`,
        );
      }
      token = (await refresh.json()).backstageIdentity.token;
    }, 60_000);

    // A loaded CI machine can take longer than jest's default 5 s to stop every plugin.
    afterAll(async () => {
      await backend?.stop();
      await postgres?.stop();
      process.chdir(originalCwd);
      if (overlayDir) await fs.rm(overlayDir, { recursive: true, force: true });
    }, 30_000);

    if (database === 'PostgreSQL') {
      it("keeps the catalog in PostgreSQL, in the catalog plugin's database", async () => {
        const rows = await eventually(async () => {
          const found = await postgres!.query<{ entity_ref: string }>(
            'backstage_plugin_catalog',
            'select entity_ref from refresh_state where entity_ref = $1',
            [TEMPLATE_REF],
          );
          return found.length > 0 ? found : undefined;
        }, `${TEMPLATE_REF} in PostgreSQL`);
        expect(rows).toEqual([{ entity_ref: TEMPLATE_REF }]);
      });
    }

    it('reports ready on the health endpoint', async () => {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      expect(res.status).toBe(200);
    });

    it('rejects catalog requests without a token', async () => {
      const res = await fetch(`${baseUrl}/api/catalog/entities`);
      expect(res.status).toBe(401);
    });

    it('serves the template from templates/evolution-todo/template.yaml', async () => {
      const template = await eventually(async () => {
        const entities = await getJson<Entity[]>(
          '/api/catalog/entities?filter=kind=template',
        );
        return entities.find(e => stringifyEntityRef(e) === TEMPLATE_REF);
      }, TEMPLATE_REF);

      expect(template.metadata.title).toBe('Evolution Todo on Kubernetes');
      expect(
        template.metadata.annotations?.[
          'backstage.io/managed-by-origin-location'
        ],
      ).toBe(`file:${templateFile}`);
      expect(template.relations).toContainEqual({
        type: 'ownedBy',
        targetRef: 'group:default/platform-team',
      });
    });

    it('serves every user and group of examples/org/org.yaml', async () => {
      // The file's documents are ingested one by one, so wait for all of them.
      const expected = YAML.parseAllDocuments(
        await fs.readFile(orgFile, 'utf8'),
      )
        .map(doc => doc.toJS() as Entity)
        .map(entity => stringifyEntityRef(entity));
      expect(expected).toEqual(
        expect.arrayContaining([
          'group:default/platform-team',
          'group:default/todo-team',
          'user:default/guest',
        ]),
      );

      const served = await eventually(async () => {
        const entities = await getJson<Entity[]>(
          '/api/catalog/entities?filter=kind=user&filter=kind=group',
        );
        const refs = entities
          .filter(
            e =>
              e.metadata.annotations?.[
                'backstage.io/managed-by-origin-location'
              ] === `file:${orgFile}`,
          )
          .map(e => stringifyEntityRef(e));
        return expected.every(ref => refs.includes(ref)) ? refs : undefined;
      }, 'every org user and group');

      expect(served.sort()).toEqual([...expected].sort());
    });

    it('lists built-in, GitHub and evolution-todo scaffolder actions', async () => {
      const actions = await getJson<Array<{ id: string }>>(
        '/api/scaffolder/v2/actions',
      );
      const ids = actions.map(a => a.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          'fetch:template',
          'catalog:register',
          'debug:log',
          'publish:github',
        ]),
      );
      // Our module is wired in; its action list is the module's own tests' business.
      expect(ids.filter(id => id.startsWith('evolution-todo:'))).not.toEqual(
        [],
      );
    });

    it('answers on the kubernetes API with no clusters configured', async () => {
      await expect(getJson('/api/kubernetes/clusters')).resolves.toEqual({
        items: [],
      });
    });

    it('refuses the Kubernetes proxy to a user who owns nothing on Kubernetes (the portal policy)', async () => {
      const res = await api('/api/permission/authorize', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          items: [
            {
              id: 'proxy',
              permission: {
                type: 'basic',
                name: 'kubernetes.proxy',
                attributes: {},
              },
            },
          ],
        }),
      });
      expect(await res.json()).toEqual({
        items: [{ id: 'proxy', result: 'DENY' }],
      });
    });

    it("allows what the portal's policy leaves open (deleting a catalog entity)", async () => {
      const res = await api('/api/permission/authorize', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          items: [
            {
              id: 'delete-template',
              permission: {
                type: 'resource',
                name: 'catalog.entity.delete',
                attributes: { action: 'delete' },
                resourceType: 'catalog-entity',
              },
              resourceRef: TEMPLATE_REF,
            },
          ],
        }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        items: [{ id: 'delete-template', result: 'ALLOW' }],
      });
    });
  },
);
