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

/** Shown instead of an error when the portal's permission policy refuses the proxy. */
export const NOT_ALLOWED_MESSAGE =
  'not allowed: live state is shown to members of the owning team only';

/**
 * Whether Backstage itself refused the call (its permission policy: 403 with
 * a NotAllowedError body), as opposed to the cluster refusing the service
 * account (403 with a Kubernetes Status body).
 */
export function isNotAllowedByBackstage(answer: ProxyAnswer): boolean {
  if (answer === 'timeout' || answer.status !== 403) return false;
  try {
    return JSON.parse(answer.body)?.error?.name === 'NotAllowedError';
  } catch {
    return false;
  }
}
