import type { KubernetesApi } from '@backstage/plugin-kubernetes-react';
import { isNotAllowedByBackstage, proxyGet } from './proxyGet';

function api(proxy: KubernetesApi['proxy']): KubernetesApi {
  return { proxy } as KubernetesApi;
}

describe('proxyGet', () => {
  it('returns status and body', async () => {
    const result = await proxyGet(
      api(async () => new Response('{"status":"ok"}', { status: 200 })),
      'local',
      '/x',
      1000,
    );
    expect(result).toEqual({ status: 200, body: '{"status":"ok"}' });
  });

  it('gives up after the timeout and aborts the request', async () => {
    let signal: AbortSignal | undefined;
    const hanging = api(({ init }) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>(() => {});
    });
    expect(await proxyGet(hanging, 'local', '/x', 20)).toBe('timeout');
    expect(signal?.aborted).toBe(true);
  });

  it('passes on failures to call at all', async () => {
    await expect(
      proxyGet(
        api(async () => {
          throw new Error('Cluster x not found');
        }),
        'x',
        '/x',
        1000,
      ),
    ).rejects.toThrow('Cluster x not found');
  });
});

describe('isNotAllowedByBackstage', () => {
  it("tells the portal's permission refusal from the cluster's", () => {
    const backstage403 = {
      status: 403,
      body: JSON.stringify({
        error: { name: 'NotAllowedError', message: 'Unauthorized' },
        request: { method: 'GET', url: '/api/kubernetes/proxy/api/v1' },
        response: { statusCode: 403 },
      }),
    };
    const cluster403 = {
      status: 403,
      body: JSON.stringify({ kind: 'Status', reason: 'Forbidden', code: 403 }),
    };
    expect(isNotAllowedByBackstage(backstage403)).toBe(true);
    expect(isNotAllowedByBackstage(cluster403)).toBe(false);
    expect(isNotAllowedByBackstage({ status: 403, body: 'not json' })).toBe(
      false,
    );
    expect(isNotAllowedByBackstage('timeout')).toBe(false);
  });
});
