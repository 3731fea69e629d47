import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from './App';
import { APP_LOAD, BACKEND, setAppConfig } from './__testUtils__/appConfig';

// The guest session the auth backend's guest provider returns (POST/GET /api/auth/guest/refresh).
const guestSession = {
  profile: { displayName: 'Guest' },
  providerInfo: {},
  backstageIdentity: {
    token: 'header.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvZ3Vlc3QifQ.signature',
    identity: {
      type: 'user',
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: ['user:default/guest'],
    },
  },
};

describe('App', () => {
  let fetchMock: jest.Mock;

  beforeEach(() => {
    // The local portal's config (app-config.yaml): its auth backend runs guest sign-in.
    setAppConfig({
      auth: { providers: { guest: { userEntityRef: 'user:default/guest' } } },
    });
    localStorage.clear();
    // Only the guest provider's session endpoint answers; everything else is "not found".
    fetchMock = jest.fn(async (input: RequestInfo | URL) =>
      String(input) === `${BACKEND}/api/auth/guest/refresh`
        ? new Response(JSON.stringify(guestSession), {
            headers: { 'content-type': 'application/json' },
          })
        : new Response('{}', { status: 404 }),
    );
    global.fetch = fetchMock;
  });

  afterEach(() => {
    delete (window as any).__APP_CONFIG__;
  });

  jest.setTimeout(120_000);

  it('opens on the sign-in page with guest sign-in and the configured title', async () => {
    render(App.createRoot());

    expect(
      await screen.findByText('Evolution Todo Test Portal', {}, APP_LOAD),
    ).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  });

  it('signs in as guest through the auth backend and shows the portal navigation', async () => {
    render(App.createRoot());

    await userEvent.click(
      await screen.findByRole('button', { name: 'Enter' }, APP_LOAD),
    );

    await waitFor(
      () =>
        expect(fetchMock).toHaveBeenCalledWith(
          `${BACKEND}/api/auth/guest/refresh`,
          expect.anything(),
        ),
      APP_LOAD,
    );
    // The sidebar from our nav module replaces the sign-in page.
    expect(
      await screen.findByRole('link', { name: 'Home' }, APP_LOAD),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
  });
});
