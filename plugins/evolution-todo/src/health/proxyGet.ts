import type { KubernetesApi } from '@backstage/plugin-kubernetes-react';

export type ProxyAnswer = { status: number; body: string } | 'timeout';

/**
 * GET through the Kubernetes backend's proxy (kubernetesApiRef.proxy), giving
 * up after `timeoutMs`: a hanging cluster must not hang the card.
 * Throws when the call cannot be made at all (unknown cluster, network).
 */
export async function proxyGet(
  api: KubernetesApi,
  clusterName: string,
  path: string,
  timeoutMs: number,
): Promise<ProxyAnswer> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>(resolve => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timeout');
    }, timeoutMs);
  });
  try {
    const response = await Promise.race([
      api.proxy({
        clusterName,
        path,
        init: { method: 'GET', signal: controller.signal },
      }),
      timeout,
    ]);
    if (response === 'timeout') return 'timeout';
    const body = await Promise.race([response.text(), timeout]);
    return body === 'timeout' ? 'timeout' : { status: response.status, body };
  } finally {
    clearTimeout(timer);
  }
}
