/**
 * TEST DOUBLE. msw handlers that answer like a Kubernetes API server for a
 * SimulatedCluster: lists with label and field selectors, the service proxy,
 * bearer-token checks and injectable faults, plus a control endpoint
 * (/__simulated-cluster) to switch scenarios and faults. Component tests use
 * them in-process; server.ts serves the very same handlers over HTTP.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { isScenarioName, SCENARIOS } from './scenarios';
import {
  kubernetesStatus,
  type ApiAnswer,
  type ClusterFault,
  type SimulatedCluster,
} from './cluster';

export const CONTROL_PATH = '/__simulated-cluster';

function respond(answer: ApiAnswer) {
  if (answer.text !== undefined) {
    return new HttpResponse(answer.text, {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  }
  return HttpResponse.json(answer.body as Record<string, unknown>, {
    status: answer.status,
  });
}

/** Token check and faults, applied before every API call; undefined when the call may go on. */
async function gate(
  cluster: SimulatedCluster,
  request: Request,
  resource: string,
): Promise<ApiAnswer | undefined> {
  const fault = cluster.fault;
  if (fault?.delayMs) await delay(fault.delayMs);
  if (
    cluster.token &&
    request.headers.get('authorization') !== `Bearer ${cluster.token}`
  ) {
    return kubernetesStatus(401, 'Unauthorized', 'Unauthorized');
  }
  if (fault?.malformed)
    return {
      status: 200,
      body: undefined,
      text: '{"kind": "PodList", "items": [ <truncated',
    };
  if (fault?.status && (!fault.only || fault.only === resource)) {
    const reasons: Record<number, string> = {
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'NotFound',
      500: 'InternalError',
      503: 'ServiceUnavailable',
    };
    const message =
      fault.status === 403
        ? `${resource} is forbidden: User "system:serviceaccount:backstage:backstage-reader" cannot list resource "${resource}" in API group "" at the cluster scope`
        : `simulated failure (${fault.status})`;
    return kubernetesStatus(
      fault.status,
      reasons[fault.status] ?? 'Unknown',
      message,
    );
  }
  return undefined;
}

export function kubernetesApiHandlers(
  cluster: SimulatedCluster,
  baseUrl: string,
): HttpHandler[] {
  const base = baseUrl.replace(/\/$/, '');
  const list = async (
    request: Request,
    resource: string,
    namespace?: string,
  ) => {
    const refused = await gate(cluster, request, resource.split('/').pop()!);
    if (refused) return respond(refused);
    const url = new URL(request.url);
    return respond(
      cluster.list(
        resource,
        namespace,
        url.searchParams.get('labelSelector'),
        url.searchParams.get('fieldSelector'),
      ),
    );
  };

  return [
    http.get(`${base}${CONTROL_PATH}`, () =>
      HttpResponse.json({
        release: cluster.release,
        namespace: cluster.namespace,
        scenario: cluster.scenario,
        fault: cluster.fault ?? null,
        scenarios: SCENARIOS,
      }),
    ),
    http.put(`${base}${CONTROL_PATH}/scenario`, async ({ request }) => {
      const { scenario } = (await request.json().catch(() => ({}))) as {
        scenario?: unknown;
      };
      if (!isScenarioName(scenario)) {
        return HttpResponse.json(
          {
            error: `unknown scenario ${JSON.stringify(scenario)}`,
            scenarios: Object.keys(SCENARIOS),
          },
          { status: 400 },
        );
      }
      cluster.setScenario(scenario);
      return HttpResponse.json({ scenario });
    }),
    http.put(`${base}${CONTROL_PATH}/fault`, async ({ request }) => {
      const fault = (await request.json().catch(() => ({}))) as ClusterFault;
      cluster.fault =
        fault && Object.keys(fault).length > 0 ? fault : undefined;
      return HttpResponse.json({ fault: cluster.fault ?? null });
    }),
    http.get(`${base}/version`, () =>
      HttpResponse.json({
        major: '1',
        minor: '34',
        gitVersion: 'v1.34.1-simulated',
        platform: 'linux/amd64',
      }),
    ),
    http.get(
      `${base}/api/v1/namespaces/:ns/services/:service/proxy/*`,
      async ({ request, params }) => {
        const refused = await gate(cluster, request, 'services/proxy');
        if (refused) return respond(refused);
        const url = new URL(request.url);
        const path = url.pathname.slice(
          url.pathname.indexOf('/proxy/') + '/proxy'.length,
        );
        return respond(
          cluster.proxyToService(
            String(params.ns),
            decodeURIComponent(String(params.service)),
            path,
          ),
        );
      },
    ),
    http.get(`${base}/api/v1/namespaces/:ns/:plural`, ({ request, params }) =>
      list(request, String(params.plural), String(params.ns)),
    ),
    http.get(`${base}/api/v1/:plural`, ({ request, params }) =>
      list(request, String(params.plural)),
    ),
    http.get(
      `${base}/apis/:group/:version/namespaces/:ns/:plural`,
      ({ request, params }) =>
        list(request, `${params.group}/${params.plural}`, String(params.ns)),
    ),
    http.get(`${base}/apis/:group/:version/:plural`, ({ request, params }) =>
      list(request, `${params.group}/${params.plural}`),
    ),
  ];
}
