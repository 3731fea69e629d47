/**
 * The /api route handlers as Next.js calls them (a Request in, a Response out),
 * against real HTTP backends on free loopback ports.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import * as proxyRoute from '../app/api/[...path]/route.ts';
import * as healthRoute from '../app/api/health/route.ts';
import { proxyToBackend } from './backend-proxy.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** A backend on a free loopback port that records what reaches it. */
async function startBackend(handle: Handler = (_req, res) => res.end()) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', chunk => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handle(request, response, body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Backend = Awaited<ReturnType<typeof startBackend>>;

/** A port nothing listens on: a backend started and stopped again. */
async function deadBackendUrl(): Promise<string> {
  const backend = await startBackend();
  await backend.close();
  return backend.url;
}

const FRONTEND = 'http://todo.example.test:3000';
const savedBackendUrl = process.env.BACKEND_URL;
afterEach(() => {
  if (savedBackendUrl === undefined) {
    delete process.env.BACKEND_URL;
  } else {
    process.env.BACKEND_URL = savedBackendUrl;
  }
});

describe('the /api proxy route', () => {
  let backend: Backend;
  before(async () => {
    backend = await startBackend((request, response, body) => {
      if (request.url?.startsWith('/api/moved')) {
        response.writeHead(307, { location: `${backend.url}/api/todos` }).end();
        return;
      }
      if (request.method === 'DELETE') {
        response.writeHead(204).end();
        return;
      }
      response.writeHead(request.method === 'POST' ? 201 : 200, {
        'content-type': 'application/json',
        'x-backend': 'yes',
        'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
      });
      response.end(JSON.stringify({ method: request.method, url: request.url, body }));
    });
  });
  after(() => backend.close());

  it('forwards method, path, query, body and headers, and answers with the backend\'s status, headers and body', async () => {
    process.env.BACKEND_URL = backend.url;
    const response = await proxyRoute.POST(
      new Request(`${FRONTEND}/api/todos?owner=me&q=a%20b`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-request-id': 'abc-123',
          cookie: 'session=s1',
          'accept-encoding': 'gzip',
        },
        body: JSON.stringify({ title: 'Proxy me' }),
      }),
    );

    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-backend'), 'yes');
    assert.deepEqual(response.headers.getSetCookie(), ['a=1; Path=/', 'b=2; Path=/']);
    assert.deepEqual(await response.json(), {
      method: 'POST',
      url: '/api/todos?owner=me&q=a%20b',
      body: '{"title":"Proxy me"}',
    });

    const [seen] = backend.received.slice(-1);
    assert.equal(seen.headers['content-type'], 'application/json');
    assert.equal(seen.headers['x-request-id'], 'abc-123');
    assert.equal(seen.headers.cookie, 'session=s1');
    assert.equal(seen.headers.host, new URL(backend.url).host);
    assert.equal(seen.headers['x-forwarded-host'], 'todo.example.test:3000');
    assert.equal(seen.headers['x-forwarded-proto'], 'http');
    assert.notEqual(seen.headers['accept-encoding'], 'gzip');
  });

  it('serves every method the todo API uses', async () => {
    process.env.BACKEND_URL = backend.url;
    const calls: Array<[string, (request: Request) => Promise<Response>, string?]> = [
      ['GET', proxyRoute.GET],
      ['PUT', proxyRoute.PUT, '{"title":"x"}'],
      ['PATCH', proxyRoute.PATCH, '{"completed":true}'],
      ['DELETE', proxyRoute.DELETE],
    ];
    for (const [method, handler, body] of calls) {
      const response = await handler(new Request(`${FRONTEND}/api/todos/7`, { method, body }));
      if (method === 'DELETE') {
        assert.equal(response.status, 204);
        assert.equal(response.body, null);
      } else {
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), { method, url: '/api/todos/7', body: body ?? '' });
      }
    }
  });

  it('keeps a redirect to the backend relative, so the browser stays on the frontend', async () => {
    process.env.BACKEND_URL = backend.url;
    const response = await proxyRoute.GET(new Request(`${FRONTEND}/api/moved`));
    assert.equal(response.status, 307);
    assert.equal(response.headers.get('location'), '/api/todos');
  });
});

it('reads BACKEND_URL when each request arrives, not when the module loads', async () => {
  const first = await startBackend((_req, res) => res.end('first'));
  const second = await startBackend((_req, res) => res.end('second'));
  try {
    process.env.BACKEND_URL = first.url;
    assert.equal(await (await proxyRoute.GET(new Request(`${FRONTEND}/api/todos`))).text(), 'first');
    process.env.BACKEND_URL = second.url;
    assert.equal(await (await proxyRoute.GET(new Request(`${FRONTEND}/api/todos`))).text(), 'second');
    assert.deepEqual(
      [first.received.length, second.received.length],
      [1, 1],
    );
  } finally {
    await first.close();
    await second.close();
  }
});

it('streams the answer: the client reads the first part before the backend has sent the rest', async () => {
  let sendRest: () => void = () => {};
  const backend = await startBackend((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first part;');
    sendRest = () => res.end('rest');
  });
  try {
    process.env.BACKEND_URL = backend.url;
    const response = await proxyRoute.GET(new Request(`${FRONTEND}/api/stream`));
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    assert.equal(decoder.decode(first.value), 'first part;');
    sendRest();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += decoder.decode(chunk.value);
    }
    assert.equal(rest, 'rest');
  } finally {
    await backend.close();
  }
});

describe('when the backend cannot be reached', () => {
  it('answers 502 with a JSON detail naming the failure', async () => {
    process.env.BACKEND_URL = await deadBackendUrl();
    const response = await proxyRoute.GET(new Request(`${FRONTEND}/api/todos`));
    assert.equal(response.status, 502);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await response.json(), {
      detail: 'The todo backend is unreachable (ECONNREFUSED); try again later.',
    });
  });

  it('answers 502 naming BACKEND_URL when it is unset or not an http URL', async () => {
    for (const value of [undefined, '', 'todo-backend:8000']) {
      if (value === undefined) {
        delete process.env.BACKEND_URL;
      } else {
        process.env.BACKEND_URL = value;
      }
      const response = await proxyRoute.GET(new Request(`${FRONTEND}/api/todos`));
      assert.equal(response.status, 502);
      assert.match((await response.json()).detail, /BACKEND_URL is not set to an http\(s\) URL/);
    }
  });

  it('answers 504 when the backend does not answer in time', async () => {
    const silent = await startBackend(() => {});
    try {
      const response = await proxyToBackend(new Request(`${FRONTEND}/api/todos`), silent.url, undefined, 50);
      assert.equal(response.status, 504);
      assert.match((await response.json()).detail, /did not answer within 0.05 s/);
    } finally {
      await silent.close();
    }
  });
});

it('leaves /api/health to the frontend: status and an RFC 3339 UTC timestamp', async () => {
  process.env.BACKEND_URL = await deadBackendUrl();
  const response = healthRoute.GET();
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(Object.keys(body).sort(), ['status', 'timestamp']);
  assert.equal(body.status, 'ok');
  assert.match(body.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  assert.ok(Math.abs(Date.now() - Date.parse(body.timestamp)) < 60_000);
});
