import type { AppComponent } from '../naming/components';
import type { Service } from './kubernetes';
import type { ProbeName, ProbeResult } from './types';

/** The health endpoints each service answers on its `http` Service port. */
export const HEALTH_ENDPOINTS: Record<
  AppComponent,
  ReadonlyArray<{ probe: ProbeName; path: string }>
> = {
  frontend: [{ probe: 'health', path: '/api/health' }],
  backend: [
    { probe: 'health', path: '/health' },
    { probe: 'readiness', path: '/readiness' },
  ],
  mcp: [{ probe: 'health', path: '/health' }],
};

/** How long a live check may take before it counts as unanswered. */
export const PROBE_TIMEOUT_MS = 5000;

/**
 * The Kubernetes API path that proxies to a Service's port:
 * /api/v1/namespaces/<ns>/services/<name>:<port>/proxy<path>.
 * Prefers the port named `http` (our chart's), else the first port.
 */
export function serviceProxyPath(
  service: Service,
  path: string,
): string | undefined {
  const name = service.metadata?.name;
  const namespace = service.metadata?.namespace;
  if (!name || !namespace) return undefined;
  const ports = service.spec?.ports ?? [];
  const port = ports.find(p => p.name === 'http') ?? ports[0];
  const portRef = port?.name ?? port?.port;
  const target = portRef === undefined ? name : `${name}:${portRef}`;
  return `/api/v1/namespaces/${encodeURIComponent(
    namespace,
  )}/services/${encodeURIComponent(target)}/proxy${path}`;
}

export interface ProbeAnswer {
  status: number;
  body: string;
}

type Json = Record<string, unknown>;

function parseJson(body: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Json)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `database: unreachable, status: error`: short, from the app's own JSON. */
function summarizeBody(json: Json | undefined, body: string): string {
  if (json) {
    const parts = Object.entries(json)
      .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
      .slice(0, 4)
      .map(([k, v]) => `${k}: ${v}`);
    if (parts.length > 0) return parts.join(', ');
  }
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function isKubernetesStatus(json: Json | undefined): boolean {
  return json?.kind === 'Status';
}

/** Backstage backends answer errors as `{ error: { name, message } }`. */
function backstageError(json: Json | undefined): string | undefined {
  const error = json?.error as Json | undefined;
  if (!error || typeof error !== 'object') return undefined;
  return typeof error.message === 'string'
    ? error.message
    : String(error.name ?? 'error');
}

/**
 * What a proxied answer says about the service. The answer may come from the app,
 * from the Kubernetes API server (a Status object), or from the Backstage backend
 * (its error shape); only the app's own answer and "no pod behind the Service"
 * say something about the service's health.
 */
export function classifyProbeAnswer(
  target: { component: string; probe: ProbeName; path: string },
  answer: ProbeAnswer,
): ProbeResult {
  const { status, body } = answer;
  const json = parseJson(body);
  const result = (
    outcome: ProbeResult['outcome'],
    message: string,
  ): ProbeResult => ({
    ...target,
    outcome,
    status,
    message,
  });

  const fromBackstage = backstageError(json);
  if (fromBackstage !== undefined && status >= 400) {
    switch (status) {
      case 401:
        return result(
          'unavailable',
          `not signed in to Backstage (401): ${fromBackstage}`,
        );
      case 403:
        return result(
          'unavailable',
          `Backstage does not allow the Kubernetes proxy for you (403): ${fromBackstage}`,
        );
      case 404:
        return result(
          'unavailable',
          `the Kubernetes proxy found nothing to call (404): ${fromBackstage}`,
        );
      default:
        return result(
          'unavailable',
          `the Kubernetes backend could not reach the cluster (${status}): ${fromBackstage}`,
        );
    }
  }

  if (isKubernetesStatus(json) && status >= 400) {
    const message =
      typeof json?.message === 'string' ? json.message : `HTTP ${status}`;
    if (status === 401 || status === 403) {
      return result(
        'unavailable',
        `the cluster refused the proxy call (${status}; the service account needs get on services/proxy): ${message}`,
      );
    }
    if (status === 503 && /no endpoints available/i.test(message)) {
      return result('fail', `no ready pod behind the Service (${message})`);
    }
    if (status === 404) {
      return result('fail', `the Service does not exist (404): ${message}`);
    }
    return result(
      'fail',
      `the cluster could not reach the service (${status}): ${message}`,
    );
  }

  if (status >= 200 && status < 300) {
    if (body.trim() !== '' && !json) {
      return result(
        'pass',
        `answered ${status}, but the body is not JSON: ${summarizeBody(
          undefined,
          body,
        )}`,
      );
    }
    const summary = summarizeBody(json, body);
    return result('pass', `answered ${status}${summary ? `: ${summary}` : ''}`);
  }
  const summary = summarizeBody(json, body);
  return result('fail', `answered ${status}${summary ? `: ${summary}` : ''}`);
}

/** A live check that got no answer at all. */
export function probeWithoutAnswer(
  target: { component: string; probe: ProbeName; path: string },
  cause: 'timeout' | 'error',
  detail?: string,
  timeoutMs = PROBE_TIMEOUT_MS,
): ProbeResult {
  return {
    ...target,
    outcome: 'unavailable',
    message:
      cause === 'timeout'
        ? `no answer within ${
            timeoutMs / 1000
          } s (the service, the cluster or the Kubernetes backend is slow)`
        : `could not be called${detail ? `: ${detail}` : ''}`,
  };
}
