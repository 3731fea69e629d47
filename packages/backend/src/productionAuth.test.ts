import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startFakeOidcIssuer,
  type FakeOidcIssuer,
} from './__testUtils__/fakeOidcIssuer';
import { BASE_CATALOG_LOCATIONS, REPO_ROOT } from './testUtils/paths';
import { eventually, freePort } from './testUtils/polling';
import { startPostgres, type PostgresServer } from './__testUtils__/postgres';
import {
  productionEnv,
  TEST_GITHUB_CLIENT_ID,
  TEST_OIDC_CLIENT,
} from './__testUtils__/productionEnv';
import { startReplica, type Replica } from './__testUtils__/replica';

// The portal as production runs it (app-config.production.yaml on PostgreSQL, NODE_ENV=production)
// with its identity providers configured from the environment: OIDC against a fake issuer on a
// loopback port, GitHub with placeholder credentials (github.com is never called).

/** A person of examples/org/org.yaml, member of platform-team, as the issuer knows them. */
const ADA = { sub: 'ada-at-the-issuer', email: 'ada@example.com', name: 'Ada' };

/**
 * The cookies a browser keeps from a response, as a Cookie header for its next request: later
 * Set-Cookie headers win, and expired ones (the portal clears old variants first) are dropped.
 */
function cookiesOf(res: Response): string {
  const jar = new Map<string, string>();
  for (const header of res.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';').map(part => part.trim());
    const name = pair.slice(0, pair.indexOf('='));
    const expired = attributes.some(
      a =>
        /^max-age=0$/i.test(a) ||
        (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()),
    );
    if (expired) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}

/** The message the sign-in popup posts to the app (plugin-auth-node's web message response). */
function popupMessage(html: string): any {
  const encoded = /var authResponse = decodeURIComponent\('([^']*)'\)/.exec(
    html,
  )?.[1];
  if (!encoded) throw new Error(`no auth response in:\n${html}`);
  return JSON.parse(decodeURIComponent(encoded));
}

describe('sign-in on the production portal (app-config.production.yaml, PostgreSQL)', () => {
  let postgres: PostgresServer;
  let issuer: FakeOidcIssuer;
  let portal: Replica;
  let root: string;
  let baseUrl: string;

  beforeAll(async () => {
    postgres = await startPostgres();
    issuer = await startFakeOidcIssuer({ ...TEST_OIDC_CLIENT, person: ADA });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-auth-'));
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    const overlay = path.join(root, 'app-config.test.yaml');
    // JSON is YAML. Only what a test needs on top of production: its port and the example
    // org, whose users stand in for the organisation's.
    fs.writeFileSync(
      overlay,
      JSON.stringify({
        backend: { listen: { port } },
        catalog: { locations: BASE_CATALOG_LOCATIONS },
      }),
    );
    portal = await startReplica({
      name: 'production-auth',
      port,
      configFiles: [
        path.join(REPO_ROOT, 'app-config.production.yaml'),
        overlay,
      ],
      env: productionEnv({ port, postgres, oidcIssuer: issuer }),
      logDir: root,
    });
  }, 180_000);

  afterAll(async () => {
    await portal?.stop();
    await issuer?.close();
    await postgres?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  }, 30_000);

  const startSignIn = (provider: string) =>
    fetch(
      `${baseUrl}/api/auth/${provider}/start?env=production&scope=${encodeURIComponent(
        'openid profile email',
      )}`,
      { redirect: 'manual' },
    );

  /**
   * The browser's round trip: the portal's start sends it to the issuer, the issuer (where the
   * person is signed in) back to the portal's callback with a code; the callback page posts
   * the result to the app.
   */
  async function signInThroughIssuer() {
    const start = await startSignIn('oidc');
    const atIssuer = await fetch(start.headers.get('location')!, {
      redirect: 'manual',
    });
    expect(atIssuer.status).toBe(302);
    const callback = await fetch(atIssuer.headers.get('location')!, {
      headers: { cookie: cookiesOf(start) },
      redirect: 'manual',
    });
    return popupMessage(await callback.text());
  }

  it("sends OIDC sign-in to the issuer from AUTH_OIDC_METADATA_URL, as the portal's client", async () => {
    const res = await startSignIn('oidc');

    expect(res.status).toBe(302);
    const target = new URL(res.headers.get('location')!);
    expect(`${target.origin}${target.pathname}`).toBe(
      issuer.authorizationEndpoint,
    );
    expect(target.searchParams.get('client_id')).toBe(
      TEST_OIDC_CLIENT.clientId,
    );
    expect(target.searchParams.get('redirect_uri')).toBe(
      `${baseUrl}/api/auth/oidc/handler/frame`,
    );
    expect(target.searchParams.get('response_type')).toBe('code');
    expect(target.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['openid', 'profile', 'email']),
    );
    expect(target.searchParams.get('state')).toBeTruthy();
    expect(target.searchParams.get('nonce')).toBeTruthy();
  });

  it('signs a person in through the issuer as the catalog User with their email, with their groups', async () => {
    // The resolver looks the person up in the catalog: wait until it holds Ada.
    await eventually(
      async () => {
        const rows = await postgres.query(
          'backstage_plugin_catalog',
          'select 1 from final_entities where entity_ref = $1 and final_entity is not null',
          ['user:default/ada'],
        );
        return rows.length > 0 || undefined;
      },
      'user:default/ada in the catalog',
      { timeoutMs: 60_000 },
    );

    const message = await signInThroughIssuer();

    expect(message.error).toBeUndefined();
    const { profile, backstageIdentity } = message.response;
    expect(profile.email).toBe(ADA.email);
    expect(backstageIdentity.identity.userEntityRef).toBe('user:default/ada');
    expect(backstageIdentity.identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining([
        'user:default/ada',
        'group:default/platform-team',
      ]),
    );
    // The portal exchanged the code with the client secret and read the person's profile.
    expect(issuer.requests).toEqual(
      expect.arrayContaining(['POST /token', 'GET /userinfo']),
    );

    // The Backstage token the portal issued is accepted by the portal's own APIs.
    const me = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/user/default/ada`,
      {
        headers: { authorization: `Bearer ${backstageIdentity.token}` },
      },
    );
    expect(me.status).toBe(200);
  }, 90_000);

  it('refuses a person the issuer knows but the catalog does not, with no token', async () => {
    issuer.signInAs({
      sub: 'someone-else',
      email: 'someone@elsewhere.example',
      name: 'Someone',
    });
    try {
      const message = await signInThroughIssuer();

      expect(message.response).toBeUndefined();
      expect(message.error.message).toMatch(/unable to resolve user identity/);
    } finally {
      issuer.signInAs(ADA);
    }
  });

  it('sends GitHub sign-in to github.com with the client id from AUTH_GITHUB_CLIENT_ID', async () => {
    const res = await startSignIn('github');

    expect(res.status).toBe(302);
    const target = new URL(res.headers.get('location')!);
    expect(`${target.origin}${target.pathname}`).toBe(
      'https://github.com/login/oauth/authorize',
    );
    expect(target.searchParams.get('client_id')).toBe(TEST_GITHUB_CLIENT_ID);
    expect(target.searchParams.get('redirect_uri')).toBe(
      `${baseUrl}/api/auth/github/handler/frame`,
    );
  });

  it('offers no guest sign-in', async () => {
    const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });

    expect(res.status).toBe(404);
    expect(await res.text()).toContain(
      "No auth provider registered for 'guest'",
    );
  });
});
