import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The provider id: sign in with GET /api/auth/test-user/refresh and the header below. */
export const TEST_USER_PROVIDER = 'test-user';
export const TEST_USER_HEADER = 'x-test-user';

/**
 * Tests only: signs in as the catalog User named in a request header, with
 * the same catalog sign-in a real provider's resolver uses (the token carries
 * the user's groups from memberOf). The guest provider signs in one fixed
 * user only; permission tests need two. Enable with
 * auth.providers.test-user: {}.
 */
export const authModuleTestUserSignIn = createBackendModule({
  pluginId: 'auth',
  moduleId: 'test-user-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: TEST_USER_PROVIDER,
          factory: createProxyAuthProviderFactory<{ name: string }>({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async result => ({
                profile: { displayName: result.name },
              }),
              initialize: () => undefined,
              async authenticate({ req }) {
                const name = req.header(TEST_USER_HEADER);
                if (!name) {
                  // Named as @backstage/errors' AuthenticationError: the error handler answers 401.
                  throw Object.assign(
                    new Error(`${TEST_USER_HEADER} header missing`),
                    {
                      name: 'AuthenticationError',
                    },
                  );
                }
                return { result: { name } };
              },
            }),
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: { name: result.name } }),
          }),
        });
      },
    });
  },
});

/** Signs in as the catalog user `name` and returns the Backstage token. */
export async function signInAs(baseUrl: string, name: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/${TEST_USER_PROVIDER}/refresh`, {
    headers: { [TEST_USER_HEADER]: name, 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(
      `sign-in as ${name} failed: ${res.status} ${await res.text()}`,
    );
  }
  return (await res.json()).backstageIdentity.token;
}
