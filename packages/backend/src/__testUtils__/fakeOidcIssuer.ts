import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** The person who signs in at the fake issuer, as its userinfo endpoint describes them. */
export interface OidcPerson {
  sub: string;
  email: string;
  name: string;
}

export interface FakeOidcIssuer {
  /** The issuer URL, http://127.0.0.1:<port>. */
  issuer: string;
  /** What auth.providers.oidc.*.metadataUrl points at. */
  metadataUrl: string;
  authorizationEndpoint: string;
  /** Every request the issuer received, as `METHOD /path`. */
  requests: string[];
  /** Who signs in from now on (the browser's person at the issuer). */
  signInAs(person: OidcPerson): void;
  close(): Promise<void>;
}

const base64url = (data: Buffer | string) =>
  Buffer.from(data).toString('base64url');

function signJwt(payload: object, privateKey: KeyObject, kid: string): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = base64url(JSON.stringify(payload));
  const signature = sign(
    'sha256',
    Buffer.from(`${header}.${body}`),
    privateKey,
  );
  return `${header}.${body}.${base64url(signature)}`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function json(res: ServerResponse, status: number, body: object) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * An OpenID Connect provider on a free loopback port, small but real enough
 * for the portal's OIDC sign-in to run through it: discovery document, JWKS,
 * authorization code flow (the person is already signed in and consents at
 * once), a token endpoint that checks the client's credentials and issues an
 * RS256-signed ID token with the request's nonce, and userinfo.
 */
export async function startFakeOidcIssuer(options: {
  clientId: string;
  clientSecret: string;
  person: OidcPerson;
}): Promise<FakeOidcIssuer> {
  const { clientId, clientSecret } = options;
  let person = options.person;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  const kid = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
  /** Authorization codes handed out, with what the token endpoint must match. */
  const codes = new Map<
    string,
    { nonce?: string; redirectUri: string; person: OidcPerson }
  >();
  /** Access tokens handed out, with whose profile userinfo returns for them. */
  const accessTokens = new Map<string, OidcPerson>();
  const requests: string[] = [];
  let issuer = '';

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    requests.push(`${req.method} ${url.pathname}`);
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /.well-known/openid-configuration':
        return json(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
          scopes_supported: ['openid', 'profile', 'email'],
        });
      case 'GET /jwks':
        return json(res, 200, {
          keys: [
            {
              ...publicKey.export({ format: 'jwk' }),
              kid,
              alg: 'RS256',
              use: 'sig',
            },
          ],
        });
      case 'GET /authorize': {
        const query = url.searchParams;
        const redirectUri = query.get('redirect_uri');
        if (
          query.get('client_id') !== clientId ||
          query.get('response_type') !== 'code' ||
          !redirectUri
        ) {
          return json(res, 400, { error: 'invalid_request' });
        }
        const code = randomBytes(16).toString('hex');
        codes.set(code, {
          nonce: query.get('nonce') ?? undefined,
          redirectUri,
          person,
        });
        const back = new URL(redirectUri);
        back.searchParams.set('code', code);
        back.searchParams.set('state', query.get('state') ?? '');
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      case 'POST /token': {
        const expected = `Basic ${Buffer.from(
          `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
        ).toString('base64')}`;
        if (req.headers.authorization !== expected) {
          return json(res, 401, { error: 'invalid_client' });
        }
        const form = await readForm(req);
        const grant = codes.get(form.get('code') ?? '');
        if (
          form.get('grant_type') !== 'authorization_code' ||
          !grant ||
          grant.redirectUri !== form.get('redirect_uri')
        ) {
          return json(res, 400, { error: 'invalid_grant' });
        }
        codes.delete(form.get('code')!);
        const accessToken = randomBytes(16).toString('hex');
        accessTokens.set(accessToken, grant.person);
        const now = Math.floor(Date.now() / 1000);
        return json(res, 200, {
          access_token: accessToken,
          token_type: 'Bearer',
          expires_in: 3600,
          scope: 'openid profile email',
          id_token: signJwt(
            {
              iss: issuer,
              sub: grant.person.sub,
              aud: clientId,
              iat: now,
              exp: now + 3600,
              ...(grant.nonce ? { nonce: grant.nonce } : {}),
              email: grant.person.email,
            },
            privateKey,
            kid,
          ),
        });
      }
      case 'GET /userinfo': {
        const token = req.headers.authorization?.replace(/^Bearer /, '');
        const holder = token ? accessTokens.get(token) : undefined;
        if (!holder) {
          return json(res, 401, { error: 'invalid_token' });
        }
        return json(res, 200, { ...holder, email_verified: true });
      }
      default:
        return json(res, 404, { error: 'not_found' });
    }
  });

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    authorizationEndpoint: `${issuer}/authorize`,
    requests,
    signInAs(next) {
      person = next;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
