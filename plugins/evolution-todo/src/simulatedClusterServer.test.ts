/**
 * @jest-environment node
 */
import http from 'node:http';
import {
  startSimulatedCluster,
  type RunningSimulatedCluster,
} from './__testUtils__/simulatedCluster/server';

/** Plain node:http with its own agent: the test environment blocks fetch and the global agent. */
function request(
  url: string,
  options: { method?: string; token?: string; body?: unknown } = {},
) {
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        agent: new http.Agent(),
        headers: {
          ...(options.token
            ? { Authorization: `Bearer ${options.token}` }
            : {}),
          ...(options.body ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      res => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body ? JSON.stringify(options.body) : undefined);
  });
}

describe('simulated cluster over HTTP', () => {
  let running: RunningSimulatedCluster;
  const token = 'simulated-cluster-token';

  beforeAll(async () => {
    running = await startSimulatedCluster({
      port: 0,
      release: 'shop',
      namespace: 'shop-prod',
    });
  });
  afterAll(() => running.close());

  it('answers Kubernetes list calls with the release objects, filtered by label selector', async () => {
    const selector = encodeURIComponent(
      'app.kubernetes.io/instance=shop,app.kubernetes.io/component=backend',
    );
    const { status, json } = await request(
      `${running.url}/apis/apps/v1/deployments?labelSelector=${selector}`,
      { token },
    );
    expect(status).toBe(200);
    expect(json.kind).toBe('DeploymentList');
    expect(
      json.items.map((d: any) => `${d.metadata.namespace}/${d.metadata.name}`),
    ).toEqual(['shop-prod/shop-backend']);
    expect(json.items[0].status).toMatchObject({
      readyReplicas: 3,
      availableReplicas: 3,
    });
  });

  it('refuses calls without the service account token, like an API server', async () => {
    const { status, json } = await request(`${running.url}/api/v1/pods`);
    expect(status).toBe(401);
    expect(json).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
  });

  it('switches scenarios through the control endpoint, and the live checks follow', async () => {
    const readiness = `${running.url}/api/v1/namespaces/shop-prod/services/shop-backend:http/proxy/readiness`;
    expect((await request(readiness, { token })).json).toEqual({
      status: 'ok',
      database: 'ok',
    });

    const switched = await request(
      `${running.url}/__simulated-cluster/scenario`,
      {
        method: 'PUT',
        body: { scenario: 'failing-readiness' },
      },
    );
    expect(switched).toEqual({
      status: 200,
      json: { scenario: 'failing-readiness' },
    });
    expect(await request(readiness, { token })).toEqual({
      status: 503,
      json: { status: 'unavailable', database: 'unreachable' },
    });

    const unknown = await request(
      `${running.url}/__simulated-cluster/scenario`,
      { method: 'PUT', body: { scenario: 'nope' } },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json.scenarios).toContain('healthy');
  });

  it('injects faults through the control endpoint', async () => {
    await request(`${running.url}/__simulated-cluster/fault`, {
      method: 'PUT',
      body: { status: 403, only: 'pods' },
    });
    expect(
      (await request(`${running.url}/api/v1/pods`, { token })).status,
    ).toBe(403);
    expect(
      (await request(`${running.url}/api/v1/services`, { token })).status,
    ).toBe(200);
    await request(`${running.url}/__simulated-cluster/fault`, {
      method: 'PUT',
      body: {},
    });
    expect(
      (await request(`${running.url}/api/v1/pods`, { token })).status,
    ).toBe(200);
  });
});
