import type { IdentityProviders } from '@backstage/core-components';
import {
  githubAuthApiRef,
  type ConfigApi,
} from '@backstage/frontend-plugin-api';
import { OIDC_PROVIDER_ID, oidcAuthApiRef } from './oidcAuthApi';

type SignInProvider = IdentityProviders[number];

/** The auth environment whose provider configurations apply (Backstage's default: development). */
function authEnvironment(config: ConfigApi): string {
  return config.getOptionalString('auth.environment') ?? 'development';
}

/** OAuth providers are configured per environment: auth.providers.<id>.<environment>. */
const configuredForEnvironment = (providerId: string) => (config: ConfigApi) =>
  config.has(`auth.providers.${providerId}.${authEnvironment(config)}`);

/**
 * Every sign-in the portal's backend can run (packages/backend/src/features.ts), in the order
 * the sign-in page lists them, with how the app's config shows that the backend runs it. The
 * app sees only the parts of auth.providers that config.d.ts makes visible.
 */
const SIGN_IN_PROVIDERS: Array<{
  isConfigured: (config: ConfigApi) => boolean;
  provider: SignInProvider;
}> = [
  {
    isConfigured: configuredForEnvironment(OIDC_PROVIDER_ID),
    provider: {
      id: 'oidc-auth-provider',
      title: 'Single sign-on',
      message: "Sign in with your organisation's account (OpenID Connect)",
      apiRef: oidcAuthApiRef,
    },
  },
  {
    isConfigured: configuredForEnvironment('github'),
    provider: {
      id: 'github-auth-provider',
      title: 'GitHub',
      message: 'Sign in with your GitHub account',
      apiRef: githubAuthApiRef,
    },
  },
  {
    // Guest sign-in has one configuration for every environment; production removes it (null).
    isConfigured: config => config.has('auth.providers.guest'),
    provider: 'guest',
  },
];

/** The sign-in options for the providers the backend is configured with. */
export function configuredSignInProviders(
  config: ConfigApi,
): IdentityProviders {
  return SIGN_IN_PROVIDERS.filter(({ isConfigured }) =>
    isConfigured(config),
  ).map(({ provider }) => provider);
}
