import { SignInPage } from '@backstage/core-components';
import type { SignInPageProps } from '@backstage/core-plugin-api';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { configuredSignInProviders } from './signInProviders';

function ConfiguredSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  return (
    <SignInPage {...props} providers={configuredSignInProviders(config)} />
  );
}

/** Replaces the app's default sign-in page, which offers guest sign-in only. */
export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => ConfiguredSignInPage,
  },
});
