import type { AppComponent } from '@evolution-todo/plugin-evolution-todo-common';

/**
 * The fixed facts of the workloads: what the images expect (paths, user ids,
 * probe endpoints) and the zero-downtime timings. The chart's templates spell
 * the same numbers; the parity test renders both and compares. What varies per
 * deployment reaches the chart through values.yaml (see chart/values.ts).
 */

/** Every container runs as this non-root UID/GID; volumes are group-owned by it. */
export const RUN_AS_ID = 10001;

/** Health endpoints of the app images (README conventions). */
export const APP_PROBE_PATHS: Record<
  AppComponent,
  { liveness: string; readiness: string }
> = {
  frontend: { liveness: '/api/health', readiness: '/api/health' },
  backend: { liveness: '/health', readiness: '/readiness' },
  mcp: { liveness: '/health', readiness: '/health' },
};

/**
 * Seconds a terminating app pod keeps serving while endpoints, kube-proxy and
 * the ingress controller stop routing to it; the grace period must exceed it
 * by the time the app needs to drain in-flight requests.
 */
export const PRE_STOP_SLEEP_SECONDS = 10;
export const APP_TERMINATION_GRACE_SECONDS = 45;
/** PostgreSQL's fast shutdown (SIGINT) checkpoints before it exits; give it time. */
export const POSTGRES_TERMINATION_GRACE_SECONDS = 60;

/** Where the Next.js standalone server caches optimized images and fetches (WORKDIR /app). */
export const NEXT_CACHE_DIR = '/app/.next/cache';
/** The volume PostgreSQL's data lives on, and PGDATA one level below it so initdb can own and chmod it. */
export const POSTGRES_VOLUME_DIR = '/var/lib/postgresql/data';
export const POSTGRES_PGDATA = `${POSTGRES_VOLUME_DIR}/pgdata`;

/** The key of the PostgreSQL password in the generated Secret and in an existingSecret. */
export const POSTGRES_PASSWORD_KEY = 'postgres-password';

export const DEFAULT_LOG_LEVEL = 'info';

/** The `helm test` hook's image: a pinned busybox for its wget. */
export const HELM_TEST_IMAGE = 'busybox:1.37.0';

/** Voluntary disruptions (drains) may take one pod of a component at a time. */
export const PDB_MAX_UNAVAILABLE = 1;

/** Selects a namespace by the label Kubernetes sets on every namespace. */
export function namespaceNameSelector(
  namespace: string,
): Record<string, string> {
  return { 'kubernetes.io/metadata.name': namespace };
}
