import type { KubernetesApi } from '@backstage/plugin-kubernetes-react';
import { proxyGet } from './proxyGet';

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
