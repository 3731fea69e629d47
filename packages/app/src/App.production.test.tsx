import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from './App';
import { APP_LOAD, BACKEND, setAppConfig } from './__testUtils__/appConfig';

// The app as app-config.production.yaml configures it (a file of its own: an app reads its config
// once). app-backend injects the providers' public client ids, nothing else of them.

describe('App with the production config', () => {
  beforeEach(() => {
    setAppConfig({
      auth: {
        environment: 'production',
        providers: {
          github: { production: { clientId: 'github-client' } },
          oidc: { production: { clientId: 'oidc-client' } },
        },
      },
    });
    localStorage.clear();
    // No session yet: every auth request is "not found", as before anyone signed in.
    global.fetch = jest.fn(async () => new Response('{}', { status: 404 }));
  });

  afterEach(() => {
    delete (window as any).__APP_CONFIG__;
    jest.restoreAllMocks();
  });

  jest.setTimeout(120_000);

  it('offers the providers the production backend runs (OIDC and GitHub), not guest', async () => {
    const popup = jest.spyOn(window, 'open').mockReturnValue(null);
    render(App.createRoot());

    expect(
      await screen.findByText('Single sign-on', {}, APP_LOAD),
    ).toBeInTheDocument();
    expect(screen.getByText('GitHub')).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Sign In' })).toHaveLength(2);

    // Signing in with OIDC opens the auth backend's OIDC provider for the production environment.
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Sign In' })[0],
    );
    await waitFor(() => expect(popup).toHaveBeenCalled(), APP_LOAD);
    const start = new URL(popup.mock.calls[0][0] as string);
    expect(`${start.origin}${start.pathname}`).toBe(
      `${BACKEND}/api/auth/oidc/start`,
    );
    expect(start.searchParams.get('env')).toBe('production');
    expect(start.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['openid', 'profile', 'email']),
    );
  });
});
