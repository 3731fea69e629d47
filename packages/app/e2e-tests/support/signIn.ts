import type { Page } from 'playwright-core';

/**
 * Signs in the way a person does locally: the app's sign-in page offers the providers the
 * backend is configured with (src/modules/signIn), here app-config.yaml's guest provider, and
 * "Enter" asks the auth backend's guest provider for a session. Resolves once the portal's sidebar replaced the sign-in page.
 */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByText('Enter as a Guest User.').waitFor();
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation')
    .getByRole('link', { name: 'Create' })
    .waitFor();
}
