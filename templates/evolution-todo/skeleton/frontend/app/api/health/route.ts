/**
 * Liveness, readiness and startup probe of the frontend pods. It answers from
 * the Next.js server alone: the backend has its own probes, and a frontend that
 * restarted whenever the backend blinked would only add to an outage.
 * It answers {"status": "ok", "timestamp": <RFC 3339, UTC>}.
 */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(
    { status: 'ok', timestamp: new Date().toISOString() },
    { headers: { 'cache-control': 'no-store' } },
  );
}
