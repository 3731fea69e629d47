/**
 * TEST DOUBLE for component tests only: msw handlers standing in for the
 * Backstage Kubernetes backend (/api/kubernetes). Like the real one, it fans an
 * entity's request out to every configured cluster over HTTP (which msw sends
 * to kubernetesApiHandlers), turns failed calls into per-cluster errors, drops
 * clusters with nothing to show, and proxies /proxy/* calls to the cluster.
 * The browser test runs the real backend against server.ts instead.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';

export const BACKEND_BASE_URL = 'http://localhost:7007/api/kubernetes';

export interface BackendCluster {
  name: string;
  /** Where its Kubernetes API answers (kubernetesApiHandlers' base URL). */
  url: string;
  token?: string;
}

/** The object types the Kubernetes backend fetches by default, by resource path. */
const OBJECT_TYPES: Array<{ type: string; path: string }> = [
  { type: 'pods', path: '/api/v1/pods' },
  { type: 'services', path: '/api/v1/services' },
  { type: 'configmaps', path: '/api/v1/configmaps' },
  { type: 'limitranges', path: '/api/v1/limitranges' },
  { type: 'resourcequotas', path: '/api/v1/resourcequotas' },
  { type: 'deployments', path: '/apis/apps/v1/deployments' },
  { type: 'replicasets', path: '/apis/apps/v1/replicasets' },
  {
    type: 'horizontalpodautoscalers',
    path: '/apis/autoscaling/v2/horizontalpodautoscalers',
  },
  { type: 'jobs', path: '/apis/batch/v1/jobs' },
  { type: 'cronjobs', path: '/apis/batch/v1/cronjobs' },
  { type: 'ingresses', path: '/apis/networking.k8s.io/v1/ingresses' },
  { type: 'statefulsets', path: '/apis/apps/v1/statefulsets' },
  { type: 'daemonsets', path: '/apis/apps/v1/daemonsets' },
];

function errorType(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED_ERROR';
    case 404:
      return 'NOT_FOUND';
    case 500:
      return 'SYSTEM_ERROR';
    default:
      return 'UNKNOWN_ERROR';
  }
}

type EntityLike = {
  metadata?: { name?: string; annotations?: Record<string, string> };
};

function withNamespace(path: string, namespace: string | undefined): string {
  if (!namespace) return path;
  const parts = path.split('/');
  const plural = parts.pop();
  return `${parts.join('/')}/namespaces/${namespace}/${plural}`;
}

async function fetchCluster(cluster: BackendCluster, entity: EntityLike) {
  const annotations = entity.metadata?.annotations ?? {};
  const labelSelector =
    annotations['backstage.io/kubernetes-label-selector'] ||
    `backstage.io/kubernetes-id=${
      annotations['backstage.io/kubernetes-id'] || entity.metadata?.name
    }`;
  const namespace = annotations['backstage.io/kubernetes-namespace'];
  const headers = cluster.token
    ? { Authorization: `Bearer ${cluster.token}` }
    : undefined;
  const resources: unknown[] = [];
  const errors: unknown[] = [];
  try {
    await Promise.all(
      OBJECT_TYPES.map(async ({ type, path }) => {
        const resourcePath = withNamespace(path, namespace);
        const response = await fetch(
          `${cluster.url}${resourcePath}?labelSelector=${encodeURIComponent(
            labelSelector,
          )}`,
          { headers },
        );
        if (!response.ok) {
          errors.push({
            errorType: errorType(response.status),
            statusCode: response.status,
            resourcePath,
          });
          return;
        }
        const { items } = (await response.json()) as { items: unknown[] };
        resources.push({ type, resources: items });
      }),
    );
  } catch (e) {
    return {
      cluster: { name: cluster.name },
      resources: [],
      podMetrics: [],
      errors: [
        { errorType: 'FETCH_ERROR', message: String((e as Error).message) },
      ],
    };
  }
  return { cluster: { name: cluster.name }, resources, podMetrics: [], errors };
}

export function kubernetesBackendHandlers(
  clusters: BackendCluster[],
  baseUrl = BACKEND_BASE_URL,
): HttpHandler[] {
  return [
    http.get(`${baseUrl}/clusters`, () =>
      HttpResponse.json({
        items: clusters.map(c => ({
          name: c.name,
          authProvider: 'serviceAccount',
        })),
      }),
    ),
    http.post(`${baseUrl}/services/:name`, async ({ request }) => {
      const { entity } = (await request.json()) as { entity: EntityLike };
      const items = await Promise.all(
        clusters.map(c => fetchCluster(c, entity)),
      );
      // Like the backend: a cluster with neither objects nor errors is left out.
      return HttpResponse.json({
        items: items.filter(
          i =>
            i.errors.length > 0 ||
            i.resources.some(
              r => ((r as { resources: unknown[] }).resources ?? []).length > 0,
            ),
        ),
      });
    }),
    http.get(`${baseUrl}/proxy/*`, async ({ request }) => {
      const name = request.headers.get('Backstage-Kubernetes-Cluster');
      const cluster = clusters.find(c => c.name === name);
      if (!cluster) {
        return HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: `Cluster '${name}' not found`,
            },
          },
          { status: 404 },
        );
      }
      const url = new URL(request.url);
      const path = url.pathname.slice(
        url.pathname.indexOf('/proxy/') + '/proxy'.length,
      );
      const answer = await fetch(`${cluster.url}${path}${url.search}`, {
        headers: cluster.token
          ? { Authorization: `Bearer ${cluster.token}` }
          : undefined,
      });
      return new HttpResponse(await answer.text(), {
        status: answer.status,
        headers: {
          'Content-Type':
            answer.headers.get('Content-Type') ?? 'application/json',
        },
      });
    }),
  ];
}
