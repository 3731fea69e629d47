/**
 * What went wrong with one API request, in words a template user can act on.
 * Built from the API server's Status object (code, reason, message), never
 * from the client's own error text, which embeds response headers.
 */
export interface ApiFailure {
  /** HTTP status code, when the API server answered. */
  code?: number;
  /** The Status reason, e.g. Conflict, Forbidden, Invalid, NotFound. */
  reason?: string;
  message: string;
  /** Set when the request failed because its namespace does not exist. */
  missingNamespace?: string;
}

interface KubernetesStatus {
  kind?: string;
  reason?: string;
  message?: string;
  code?: number;
  details?: { name?: string; kind?: string };
}

/** Hints for failures whose fix is an input of this action. */
const HINTS: Record<string, string> = {
  Conflict:
    'another field manager owns these fields; set input "force" to true to take them over',
};

export function describeApiFailure(
  error: unknown,
  requestTimeoutMs: number,
): ApiFailure {
  if (isApiException(error)) {
    const status = parseStatus(error.body);
    const reason = status?.reason;
    const detail =
      status?.message ??
      (typeof error.body === 'string' && error.body.trim()
        ? error.body.trim()
        : undefined) ??
      'no message';
    const hint = reason && HINTS[reason] ? ` (${HINTS[reason]})` : '';
    return {
      code: error.code,
      reason,
      message: `HTTP ${error.code}${
        reason ? ` ${reason}` : ''
      }: ${detail}${hint}`,
      missingNamespace:
        error.code === 404 && status?.details?.kind === 'namespaces'
          ? status.details.name
          : undefined,
    };
  }
  if (isNamed(error, 'TimeoutError')) {
    return {
      message: `no response from the API server within ${
        requestTimeoutMs / 1000
      }s (input "requestTimeoutSeconds")`,
    };
  }
  if (isNamed(error, 'AbortError')) {
    return { message: 'the request was cancelled with the task' };
  }
  if (error instanceof Error) {
    // undici reports network failures as "fetch failed" with the reason in `cause`.
    const cause = (error as { cause?: { code?: string; message?: string } })
      .cause;
    const why = cause?.code ?? cause?.message;
    return {
      message: `could not reach the API server: ${error.message}${
        why ? ` (${why})` : ''
      }`,
    };
  }
  return { message: String(error) };
}

function isApiException(
  error: unknown,
): error is { code: number; body: unknown } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'number' &&
    'body' in error
  );
}

function isNamed(error: unknown, name: string): boolean {
  const candidate = error as
    | { name?: string; cause?: { name?: string } }
    | undefined;
  return candidate?.name === name || candidate?.cause?.name === name;
}

function parseStatus(body: unknown): KubernetesStatus | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as KubernetesStatus).kind === 'Status'
  ) {
    return value as KubernetesStatus;
  }
  return undefined;
}
