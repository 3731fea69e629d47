import type { Portal } from './portal.ts';

/** A Backstage token for the guest user, as the sign-in page gets it. */
export async function guestToken(portal: Portal): Promise<string> {
  const res = await fetch(`${portal.baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(`guest sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

/**
 * Waits until the catalog serves an entity, e.g. 'template:default/evolution-todo-kubernetes'.
 * A fresh portal is ready before the catalog has read its locations; pages fetch once, so tests
 * wait for the entities they look at before opening the page.
 */
export async function waitForCatalogEntity(
  portal: Portal,
  entityRef: string,
  timeoutMs = 60_000,
): Promise<void> {
  const [kind, namespace, name] = parseRef(entityRef);
  const url = `${portal.baseUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`;
  const token = await guestToken(portal);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.ok) return;
    if (res.status !== 404)
      throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    if (Date.now() > deadline) {
      throw new Error(
        `The catalog did not serve ${entityRef} within ${timeoutMs} ms`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

function parseRef(entityRef: string): [string, string, string] {
  const match = /^([^:]+):(?:([^/]+)\/)?(.+)$/.exec(entityRef);
  if (!match) throw new Error(`Not an entity ref: ${entityRef}`);
  return [match[1], match[2] ?? 'default', match[3]];
}
