import type { FakeOidcIssuer } from './fakeOidcIssuer';
import type { PostgresServer } from './postgres';

/** The OIDC client the production portal is registered as at a test's fake issuer. */
export const TEST_OIDC_CLIENT = {
  clientId: 'portal-test-client',
  clientSecret: 'portal-test-client-secret',
};

/** The GitHub OAuth app's client id a test portal gets (GitHub itself is never called). */
export const TEST_GITHUB_CLIENT_ID = 'portal-test-github-client';

/**
 * Every variable app-config.production.yaml reads, for a portal a test starts
 * on `port`: its PostgreSQL, the fake OIDC issuer, placeholder GitHub
 * credentials. The Kubernetes cluster is one nobody serves; a test that needs
 * one overrides `kubernetes` in its own config file.
 */
export function productionEnv(options: {
  port: number;
  postgres: PostgresServer;
  oidcIssuer: FakeOidcIssuer;
}): Record<string, string> {
  const { connection } = options.postgres;
  return {
    PORTAL_BASE_URL: `http://localhost:${options.port}`,
    POSTGRES_HOST: connection.host,
    POSTGRES_PORT: String(connection.port),
    POSTGRES_USER: connection.user,
    POSTGRES_PASSWORD: connection.password,
    AUTH_SESSION_SECRET: 'portal-test-session-secret',
    AUTH_GITHUB_CLIENT_ID: TEST_GITHUB_CLIENT_ID,
    AUTH_GITHUB_CLIENT_SECRET: 'portal-test-github-secret',
    AUTH_OIDC_METADATA_URL: options.oidcIssuer.metadataUrl,
    AUTH_OIDC_CLIENT_ID: TEST_OIDC_CLIENT.clientId,
    AUTH_OIDC_CLIENT_SECRET: TEST_OIDC_CLIENT.clientSecret,
    GITHUB_TOKEN: 'not-used-by-the-local-destination',
    K8S_CLUSTER_URL: 'https://127.0.0.1:9',
    K8S_CLUSTER_TOKEN: 'not-a-real-token',
    K8S_CLUSTER_CA_DATA: Buffer.from('not a real CA').toString('base64'),
  };
}
