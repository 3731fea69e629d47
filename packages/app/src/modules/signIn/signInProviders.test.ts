/**
 * @jest-environment node
 */
import { ConfigReader } from '@backstage/config';
import {
  FileConfigSource,
  loadConfigSchema,
  type ConfigSchema,
} from '@backstage/config-loader';
import type { AppConfig } from '@backstage/config';
import path from 'node:path';
import { configuredSignInProviders } from './signInProviders';

// From the repository's config files to the sign-in page's providers, through the config schema
// the app bundle carries: `backstage-cli package build` collects it from the app's package and
// its dependencies, and app-backend passes the app only what it marks as frontend-visible.

const REPO_ROOT = path.resolve(__dirname, '../../../../..');

/** The variables app-config.production.yaml reads (secrets among them). */
const PRODUCTION_ENV: Record<string, string> = {
  PORTAL_BASE_URL: 'https://portal.example.com',
  POSTGRES_HOST: 'db',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'portal',
  POSTGRES_PASSWORD: 'secret-postgres-password',
  AUTH_SESSION_SECRET: 'secret-session-secret',
  AUTH_GITHUB_CLIENT_ID: 'github-client-id',
  AUTH_GITHUB_CLIENT_SECRET: 'secret-github-client-secret',
  AUTH_OIDC_METADATA_URL:
    'https://login.example.com/.well-known/openid-configuration',
  AUTH_OIDC_CLIENT_ID: 'oidc-client-id',
  AUTH_OIDC_CLIENT_SECRET: 'secret-oidc-client-secret',
  GITHUB_TOKEN: 'secret-github-token',
  K8S_CLUSTER_URL: 'https://kubernetes.example.com',
  K8S_CLUSTER_TOKEN: 'secret-cluster-token',
  K8S_CLUSTER_CA_DATA: 'c2VjcmV0LWNh',
};

async function readConfigFiles(
  files: string[],
  env: Record<string, string>,
): Promise<AppConfig[]> {
  const configs: AppConfig[] = [];
  for (const file of files) {
    const source = FileConfigSource.create({
      path: path.join(REPO_ROOT, file),
      watch: false,
      substitutionFunc: async name => env[name],
    });
    for await (const data of source.readConfigData()) {
      configs.push(...data.configs);
    }
  }
  return configs;
}

describe('the sign-in providers the app offers, from the config files', () => {
  let schema: ConfigSchema;

  beforeAll(async () => {
    schema = await loadConfigSchema({
      dependencies: ['app'],
      packagePaths: [path.join(REPO_ROOT, 'package.json')],
    });
  }, 120_000);

  async function frontendConfig(files: string[], env = {}) {
    const visible = schema.process(await readConfigFiles(files, env), {
      visibility: ['frontend'],
    });
    return { config: ConfigReader.fromConfigs(visible), visible };
  }

  it('offers guest sign-in on the local portal (app-config.yaml)', async () => {
    const { config } = await frontendConfig(['app-config.yaml']);

    expect(configuredSignInProviders(config)).toEqual(['guest']);
  });

  it('offers OIDC and GitHub, not guest, with the production config', async () => {
    const { config } = await frontendConfig(
      ['app-config.yaml', 'app-config.production.yaml'],
      PRODUCTION_ENV,
    );

    expect(
      configuredSignInProviders(config).map(provider =>
        typeof provider === 'string' ? provider : provider.title,
      ),
    ).toEqual(['Single sign-on', 'GitHub']);
  });

  it('gives the app the providers’ client ids and no secret', async () => {
    const { config, visible } = await frontendConfig(
      ['app-config.yaml', 'app-config.production.yaml'],
      PRODUCTION_ENV,
    );

    expect(config.getConfig('auth.providers').get()).toEqual({
      github: { production: { clientId: 'github-client-id' } },
      oidc: { production: { clientId: 'oidc-client-id' } },
    });
    const served = JSON.stringify(visible);
    const secrets = Object.entries(PRODUCTION_ENV).filter(([, value]) =>
      value.startsWith('secret-'),
    );
    expect(secrets.filter(([, value]) => served.includes(value))).toEqual([]);
  });
});
