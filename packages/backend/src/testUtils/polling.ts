import { createServer } from 'node:net';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Polls until probe returns a value; throws naming `what` when the deadline
 * passes. The backend answers before its catalog has processed everything, so
 * tests and benches wait for the state they need rather than a fixed time.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** A TCP port nobody listens on right now, for a backend started by a test. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port assigned')),
      );
    });
  });
}
