import { getResponse, http, HttpResponse, type RequestHandler } from 'msw';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for the Kubernetes API server: msw request handlers
 * served over real HTTP on 127.0.0.1.
 *
 * Why not msw's setupServer: @kubernetes/client-node 2.x sends requests with
 * the `undici` package's own fetch, which neither of msw's Node interceptors
 * (http.ClientRequest, globalThis.fetch) sees. Serving the same handlers over
 * a socket keeps msw's handler API (tests override with `use(http.patch(...))`
 * as with server.use) and exercises the client's real transport.
 *
 * The default handlers model what the deploy relies on: API discovery,
 * GET of single objects, server-side apply (PATCH with
 * application/apply-patch+yaml) with dryRun=All, namespaces that must exist,
 * bearer-token authentication and controllers that fill in workload status.
 */

interface ResourceType {
  name: string;
  kind: string;
  namespaced: boolean;
}

const CORE_RESOURCES: ResourceType[] = [
  { name: 'namespaces', kind: 'Namespace', namespaced: false },
  { name: 'namespaces/status', kind: 'Namespace', namespaced: false },
  { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { name: 'secrets', kind: 'Secret', namespaced: true },
  { name: 'services', kind: 'Service', namespaced: true },
  { name: 'services/status', kind: 'Service', namespaced: true },
  { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  {
    name: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
  },
];

const GROUP_RESOURCES: Record<string, ResourceType[]> = {
  'apps/v1': [
    { name: 'deployments', kind: 'Deployment', namespaced: true },
    { name: 'deployments/scale', kind: 'Scale', namespaced: true },
    { name: 'deployments/status', kind: 'Deployment', namespaced: true },
    { name: 'statefulsets', kind: 'StatefulSet', namespaced: true },
    { name: 'statefulsets/status', kind: 'StatefulSet', namespaced: true },
  ],
  'autoscaling/v2': [
    {
      name: 'horizontalpodautoscalers',
      kind: 'HorizontalPodAutoscaler',
      namespaced: true,
    },
  ],
  'policy/v1': [
    {
      name: 'poddisruptionbudgets',
      kind: 'PodDisruptionBudget',
      namespaced: true,
    },
  ],
  'networking.k8s.io/v1': [
    { name: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true },
    { name: 'ingresses', kind: 'Ingress', namespaced: true },
  ],
};

const PROMETHEUS_OPERATOR_RESOURCES: ResourceType[] = [
  { name: 'servicemonitors', kind: 'ServiceMonitor', namespaced: true },
  { name: 'prometheusrules', kind: 'PrometheusRule', namespaced: true },
];

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. /apis/apps/v1/namespaces/demo/deployments/api. */
  path: string;
  query: Record<string, string>;
  contentType?: string;
  authorization?: string;
  body?: any;
}

export interface FakeKubeApiOptions {
  /** The bearer token the fake accepts; any other gets 401. */
  token: string;
  /** Serve monitoring.coreos.com/v1, as when the Prometheus Operator CRDs are installed. Default true. */
  prometheusOperator?: boolean;
  /**
   * After how many status reads since the last change a workload reports
   * itself rolled out; Infinity for one that never becomes ready. Default 1.
   */
  readyAfterReads?: number;
}

interface ObjectPath {
  groupVersion: string;
  namespace?: string;
  resource: ResourceType;
  name: string;
  key: string;
}

export function kubernetesStatus(
  code: number,
  reason: string,
  message: string,
  details?: object,
) {
  return HttpResponse.json(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      details,
      code,
    },
    { status: code },
  );
}

export class FakeKubeApi {
  readonly requests: RecordedRequest[] = [];
  /** Stored objects by API path. */
  readonly objects = new Map<string, any>();
  private overrides: RequestHandler[] = [];
  private readonly closing = new AbortController();
  private readonly reads = new Map<string, number>();
  private resourceVersion = 100;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: Required<FakeKubeApiOptions>,
  ) {}

  static async start(options: FakeKubeApiOptions): Promise<FakeKubeApi> {
    const server = createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeKubeApi(server, `http://127.0.0.1:${port}`, {
      prometheusOperator: true,
      readyAfterReads: 1,
      ...options,
    });
    server.on('request', (req, res) => {
      fake.handle(req).then(
        async response => {
          const body = Buffer.from(await response.arrayBuffer());
          // The client may have given up (request timeout tests) and the socket gone.
          if (res.destroyed) return;
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(body);
        },
        error => {
          if (res.destroyed) return;
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
    });
    return fake;
  }

  /** Handlers that take precedence over the defaults, like msw's server.use. */
  use(...handlers: RequestHandler[]) {
    this.overrides = [...handlers, ...this.overrides];
  }

  resetHandlers() {
    this.overrides = [];
  }

  /** The apply requests (PATCH) in the order they arrived. */
  get applies(): RecordedRequest[] {
    return this.requests.filter(request => request.method === 'PATCH');
  }

  /** Puts an object into the fake cluster as if it had been created earlier. */
  seed(object: any) {
    const path = this.pathOf(object);
    if (!path)
      throw new Error(
        `fake API does not serve ${object.apiVersion} ${object.kind}`,
      );
    this.objects.set(path.key, {
      ...object,
      metadata: {
        ...object.metadata,
        resourceVersion: this.nextResourceVersion(),
        generation: 1,
      },
    });
  }

  /** Resolves when the fake shuts down: lets a handler hang like an unresponsive API server. */
  untilClosed(): Promise<void> {
    return new Promise(resolve => {
      if (this.closing.signal.aborted) resolve();
      else
        this.closing.signal.addEventListener('abort', () => resolve(), {
          once: true,
        });
    });
  }

  async close() {
    this.closing.abort();
    this.server.closeAllConnections();
    await new Promise(resolve => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage): Promise<Response> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const url = new URL(req.url ?? '/', this.url);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const item of [value].flat())
        if (item !== undefined) headers.append(name, item);
    }
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: headers.get('content-type') ?? undefined,
      authorization: headers.get('authorization') ?? undefined,
      body: body ? JSON.parse(body.toString('utf8')) : undefined,
    });
    const request = new Request(url, { method: req.method, headers, body });
    const response = await getResponse(
      [...this.overrides, ...this.defaultHandlers()],
      request,
    );
    return response ?? new Response('404 page not found', { status: 404 });
  }

  private defaultHandlers(): RequestHandler[] {
    const base = this.url;
    return [
      http.all(`${base}/*`, ({ request }) => {
        if (
          request.headers.get('authorization') !==
          `Bearer ${this.options.token}`
        ) {
          return kubernetesStatus(401, 'Unauthorized', 'Unauthorized');
        }
        return undefined; // authenticated: fall through to the next handler
      }),
      http.get(`${base}/api/v1`, () => this.discovery('v1', CORE_RESOURCES)),
      http.get(`${base}/apis/:group/:version`, ({ params }) => {
        const groupVersion = `${params.group}/${params.version}`;
        const resources = this.groupResources()[groupVersion];
        return resources
          ? this.discovery(groupVersion, resources)
          : new HttpResponse('404 page not found', { status: 404 });
      }),
      http.get(`${base}/*`, ({ request }) =>
        this.read(new URL(request.url).pathname),
      ),
      http.patch(`${base}/*`, async ({ request }) => this.apply(request)),
    ];
  }

  private groupResources(): Record<string, ResourceType[]> {
    return this.options.prometheusOperator
      ? {
          ...GROUP_RESOURCES,
          'monitoring.coreos.com/v1': PROMETHEUS_OPERATOR_RESOURCES,
        }
      : GROUP_RESOURCES;
  }

  private discovery(groupVersion: string, resources: ResourceType[]) {
    return HttpResponse.json({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion,
      resources: resources.map(resource => ({
        name: resource.name,
        singularName: resource.name.includes('/')
          ? ''
          : resource.kind.toLowerCase(),
        namespaced: resource.namespaced,
        kind: resource.kind,
        verbs: resource.name.includes('/')
          ? ['get', 'patch', 'update']
          : ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      })),
    });
  }

  private parsePath(pathname: string): ObjectPath | undefined {
    const parts = pathname.split('/').filter(Boolean);
    let groupVersion: string;
    let rest: string[];
    if (parts[0] === 'api') {
      groupVersion = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === 'apis') {
      groupVersion = `${parts[1]}/${parts[2]}`;
      rest = parts.slice(3);
    } else {
      return undefined;
    }
    const types =
      groupVersion === 'v1'
        ? CORE_RESOURCES
        : this.groupResources()[groupVersion];
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const resource = types?.find(type => type.name === rest[0]);
    if (
      !resource ||
      rest.length !== 2 ||
      resource.namespaced !== Boolean(namespace)
    ) {
      return undefined;
    }
    return { groupVersion, namespace, resource, name: rest[1], key: pathname };
  }

  private pathOf(object: any): ObjectPath | undefined {
    const root = object.apiVersion.includes('/')
      ? `/apis/${object.apiVersion}`
      : `/api/${object.apiVersion}`;
    const types =
      object.apiVersion === 'v1'
        ? CORE_RESOURCES
        : this.groupResources()[object.apiVersion];
    const resource = types?.find(
      type => type.kind === object.kind && !type.name.includes('/'),
    );
    if (!resource) return undefined;
    const scope = resource.namespaced
      ? `/namespaces/${object.metadata.namespace}`
      : '';
    return this.parsePath(
      `${root}${scope}/${resource.name}/${object.metadata.name}`,
    );
  }

  private read(pathname: string) {
    const path = this.parsePath(pathname);
    if (!path) return new HttpResponse('404 page not found', { status: 404 });
    const stored = this.objects.get(path.key);
    if (!stored) {
      return kubernetesStatus(
        404,
        'NotFound',
        `${path.resource.name}${
          path.groupVersion.includes('/')
            ? `.${path.groupVersion.split('/')[0]}`
            : ''
        } "${path.name}" not found`,
        { name: path.name, kind: path.resource.name },
      );
    }
    if (
      path.resource.kind === 'Deployment' ||
      path.resource.kind === 'StatefulSet'
    ) {
      const reads = (this.reads.get(path.key) ?? 0) + 1;
      this.reads.set(path.key, reads);
      stored.status = workloadStatus(
        stored,
        reads >= this.options.readyAfterReads,
      );
    }
    return HttpResponse.json(stored);
  }

  private async apply(request: Request) {
    const url = new URL(request.url);
    const path = this.parsePath(url.pathname);
    if (!path) return new HttpResponse('404 page not found', { status: 404 });
    if (
      request.headers.get('content-type') !== 'application/apply-patch+yaml'
    ) {
      return kubernetesStatus(
        415,
        'UnsupportedMediaType',
        'the body of the request was in an unknown format',
      );
    }
    const fieldManager = url.searchParams.get('fieldManager');
    if (!fieldManager) {
      return kubernetesStatus(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      );
    }
    const dryRun = url.searchParams.get('dryRun');
    if (dryRun !== null && dryRun !== 'All') {
      return kubernetesStatus(
        400,
        'BadRequest',
        `Invalid dry run value: ${dryRun}`,
      );
    }
    const applied = JSON.parse(await request.text());
    if (
      applied.metadata?.name !== path.name ||
      applied.kind !== path.resource.kind
    ) {
      return kubernetesStatus(
        400,
        'BadRequest',
        'the name or kind of the object does not match the URL',
      );
    }
    if (
      path.namespace &&
      !this.objects.has(`/api/v1/namespaces/${path.namespace}`)
    ) {
      return kubernetesStatus(
        404,
        'NotFound',
        `namespaces "${path.namespace}" not found`,
        {
          name: path.namespace,
          kind: 'namespaces',
        },
      );
    }

    const existing = this.objects.get(path.key);
    const next = {
      ...applied,
      metadata: {
        ...applied.metadata,
        namespace: path.namespace,
        uid: existing?.metadata.uid ?? `uid-${path.key}`,
        creationTimestamp:
          existing?.metadata.creationTimestamp ?? '2026-11-27T00:00:00Z',
        resourceVersion: existing?.metadata.resourceVersion,
        generation: existing?.metadata.generation ?? 1,
        managedFields: [
          {
            manager: fieldManager,
            operation: 'Apply',
            time: new Date().toISOString(),
          },
        ],
      },
      ...(existing?.status ? { status: existing.status } : {}),
    };
    if (existing && sameConfiguration(existing, next)) {
      return HttpResponse.json(existing, { status: 200 });
    }
    if (
      existing &&
      JSON.stringify(existing.spec) !== JSON.stringify(next.spec)
    ) {
      next.metadata.generation += 1;
    }
    if (dryRun === 'All') {
      return HttpResponse.json(next, { status: existing ? 200 : 201 });
    }
    next.metadata.resourceVersion = this.nextResourceVersion();
    this.objects.set(path.key, next);
    this.reads.delete(path.key);
    return HttpResponse.json(next, { status: existing ? 200 : 201 });
  }

  private nextResourceVersion(): string {
    this.resourceVersion += 1;
    return String(this.resourceVersion);
  }
}

/** Whether two versions of an object differ only in what the server maintains. */
function sameConfiguration(a: any, b: any): boolean {
  const strip = ({ status: _status, metadata, ...rest }: any) => {
    const {
      resourceVersion: _rv,
      managedFields: _mf,
      generation: _g,
      ...meta
    } = metadata;
    return { ...rest, metadata: meta };
  };
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** What the Deployment or StatefulSet controller would report, before and after the pods are up. */
function workloadStatus(object: any, ready: boolean) {
  const replicas = object.spec?.replicas ?? 1;
  return {
    observedGeneration: object.metadata.generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: ready ? replicas : 0,
    availableReplicas: ready ? replicas : 0,
    ...(object.kind === 'StatefulSet'
      ? {}
      : { unavailableReplicas: ready ? 0 : replicas }),
  };
}
