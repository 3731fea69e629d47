import { authServiceFactory } from '@backstage/backend-defaults/auth';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { backendFeatures } from '../features';
import { permissionModuleEvolutionTodoPolicy } from '../modules/permissionPolicy';
import { guestToken } from '../testUtils/guestSignIn';
import { BackendApi, TEST_USER } from './backendApi';
import type { PostgresServer } from './postgres';
import {
  APP_CONFIG_FILE,
  BASE_CATALOG_LOCATIONS,
  TEMPLATE_REF,
} from '../testUtils/paths';

export interface GoldenPathBackend {
  baseUrl: string;
  /** evolutionTodo.localPublish.directory: where the local destination publishes. */
  localReposDir: string;
  api: BackendApi;
  stop(): Promise<void>;
}

export interface GoldenPathBackendOptions {
  /** Extra configuration, merged over the test configuration at the top level sections. */
  config?: JsonObject;
  /**
   * A PostgreSQL server for every plugin's database, through the portal's
   * real database service. Default: the test backend's in-memory SQLite.
   */
  postgres?: PostgresServer;
  /** More features or service factories (they replace the test backend's mocks). */
  features?: Parameters<typeof startTestBackend>[0]['features'];
  /**
   * A permission policy module in place of the portal's
   * (permissionModuleEvolutionTodoPolicy), as a platform team that installs
   * our plugins brings its own.
   */
  permissionPolicy?: BackendFeature;
}

/**
 * The portal's configuration for a test: app-config.yaml's catalog rules and
 * Kubernetes section, the real template and example org as catalog locations
 * (absolute paths), and the local destination in a fresh temporary directory.
 */
function testConfig(root: string, extra: JsonObject = {}): JsonObject {
  const appConfig = YAML.parse(fs.readFileSync(APP_CONFIG_FILE, 'utf8'));
  const localReposDir = path.join(root, 'local-repos');
  const config: JsonObject = {
    app: { baseUrl: 'http://localhost:3000' },
    // startTestBackend listens on a random port and wires discovery to it; this is for
    // plugins that only read the setting (e.g. auth redirect URLs).
    backend: {
      baseUrl: 'http://localhost:7007',
      workingDirectory: path.join(root, 'work'),
    },
    auth: {
      providers: {
        // As app-config.yaml: the example org's guest user, a member of todo-team.
        guest: {
          dangerouslyAllowOutsideDevelopment: true,
          userEntityRef: TEST_USER,
        },
      },
    },
    catalog: {
      rules: appConfig.catalog.rules,
      locations: [...BASE_CATALOG_LOCATIONS],
    },
    evolutionTodo: { localPublish: { directory: localReposDir } },
    kubernetes: appConfig.kubernetes,
    permission: { enabled: true },
    ...extra,
  };
  return config;
}

/**
 * Starts the portal backend with every feature of features.ts on the test
 * backend of @backstage/backend-test-utils: in-memory SQLite (or the given
 * PostgreSQL), a random port,
 * real authentication (a guest signs in as user:default/guest).
 */
export async function startGoldenPathBackend(
  options: GoldenPathBackendOptions = {},
): Promise<GoldenPathBackend> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-path-'));
  const config = testConfig(root, options.config);
  if (options.postgres) {
    config.backend = {
      ...(config.backend as JsonObject),
      database:
        options.postgres.backendDatabaseConfig() as unknown as JsonObject,
    };
  }
  fs.mkdirSync(path.join(root, 'work'));
  const localReposDir = (config.evolutionTodo as any).localPublish.directory;
  fs.mkdirSync(localReposDir, { recursive: true });

  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data: config }),
      // Warnings and errors only: a failing task's log is what a test reads.
      mockServices.rootLogger.factory({ level: 'warn' }),
      // The real auth services instead of the test backend's mocks: requests carry a guest's
      // Backstage token, tasks run on behalf of that user, and the permission backend sees the
      // same service-to-service tokens as in the portal.
      authServiceFactory,
      httpAuthServiceFactory,
      userInfoServiceFactory,
      ...(options.postgres ? [databaseServiceFactory] : []),
      ...(options.features ?? []),
      ...(options.permissionPolicy
        ? [
            ...backendFeatures.filter(
              feature => feature !== permissionModuleEvolutionTodoPolicy,
            ),
            options.permissionPolicy,
          ]
        : backendFeatures),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}`;
  // A fresh catalog fills from its locations shortly after start-up; the Create page
  // needs the template and the owner picker the org.
  await new BackendApi(
    baseUrl,
    `Bearer ${await guestToken(baseUrl)}`,
  ).waitForEntities([TEMPLATE_REF, 'group:default/todo-team', TEST_USER]);
  // Signed in again now that the catalog holds the guest user: the guest provider looks the
  // user up at sign-in, so only this token carries the user's groups (todo-team), which the
  // permission policy checks for deploy and upgrade. A token from before falls back to the
  // user ref alone.
  const api = new BackendApi(baseUrl, `Bearer ${await guestToken(baseUrl)}`);
  return {
    baseUrl,
    localReposDir,
    api,
    async stop() {
      await backend.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
