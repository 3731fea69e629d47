/**
 * Forwards a request under /api to the backend at BACKEND_URL, read for every
 * request (the chart's ConfigMap sets it to the backend Service). Next.js
 * `rewrites` are fixed when the image is built, so they could not follow
 * BACKEND_URL; a route handler reads it at run time.
 *
 * Behind the Ingress, /api goes straight to the backend and never reaches this;
 * it serves `kubectl port-forward` to the frontend and `npm run dev`.
 * (Only erasable TypeScript here: `npm test` runs it with Node's type stripping.)
 */

/** Per-connection headers (RFC 9110, section 7.6.1) and those fetch sets itself. */
const REQUEST_HEADERS_NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // fetch would decode a compressed answer and pass it on still labelled compressed.
  'accept-encoding',
]);

/** fetch has already decoded the body, so its encoding and length no longer hold. */
const RESPONSE_HEADERS_NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-encoding',
  'content-length',
]);

/** How long the backend may take before the client gets a 504. */
export const BACKEND_TIMEOUT_MS = 30_000;

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

function problem(status: number, detail: string): Response {
  // `detail`, as the backend words its errors: lib/todos.ts shows it to the user.
  return Response.json({ detail }, { status, headers: { 'cache-control': 'no-store' } });
}

function failureCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') {
    return cause.code;
  }
  return error instanceof Error ? error.name : 'Error';
}

/** The backend's origin, e.g. http://todo-backend:8000 (a path in BACKEND_URL is ignored). */
function backendOrigin(backendUrl: string | undefined): string | null {
  if (!backendUrl?.trim()) {
    return null;
  }
  try {
    const url = new URL(backendUrl.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

export async function proxyToBackend(
  request: Request,
  backendUrl: string | undefined,
  fetchImpl: Fetch = (input, init) => fetch(input, init),
  timeoutMs: number = BACKEND_TIMEOUT_MS,
): Promise<Response> {
  const origin = backendOrigin(backendUrl);
  if (!origin) {
    return problem(
      502,
      'BACKEND_URL is not set to an http(s) URL, so the frontend cannot reach the todo backend.',
    );
  }
  const incoming = new URL(request.url);
  const headers = new Headers();
  for (const [name, value] of request.headers) {
    if (!REQUEST_HEADERS_NOT_FORWARDED.has(name)) {
      headers.append(name, value);
    }
  }
  headers.set('x-forwarded-host', incoming.host);
  headers.set('x-forwarded-proto', incoming.protocol.replace(/:$/, ''));

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  // `duplex` streams the request body through; the DOM typings do not know it yet.
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers,
    body: hasBody ? request.body : undefined,
    redirect: 'manual',
    signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]),
    ...(hasBody ? { duplex: 'half' as const } : {}),
  };

  let answer: Response;
  try {
    answer = await fetchImpl(`${origin}${incoming.pathname}${incoming.search}`, init);
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return problem(504, `The todo backend did not answer within ${timeoutMs / 1000} s; try again later.`);
    }
    return problem(502, `The todo backend is unreachable (${failureCode(error)}); try again later.`);
  }

  const responseHeaders = new Headers();
  for (const [name, value] of answer.headers) {
    if (!RESPONSE_HEADERS_NOT_FORWARDED.has(name)) {
      responseHeaders.append(name, value);
    }
  }
  // A redirect to the backend's own address would lead the browser out of reach: keep it relative.
  const location = responseHeaders.get('location');
  if (location?.startsWith(`${origin}/`)) {
    responseHeaders.set('location', location.slice(origin.length));
  }
  return new Response(answer.body, {
    status: answer.status,
    statusText: answer.statusText,
    headers: responseHeaders,
  });
}
