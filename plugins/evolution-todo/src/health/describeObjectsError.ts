import type { Fault } from './types';

/**
 * useKubernetesObjects reports failures as a message string (from
 * KubernetesBackendClient or fetch). This turns the common ones into something
 * a developer can act on.
 */
export function describeObjectsError(message: string): Fault {
  const status = /Request failed with (\d{3})/.exec(message)?.[1];
  if (status === '401') {
    return {
      severity: 'error',
      message:
        'The Kubernetes backend refused the request: you are not signed in or your session expired (HTTP 401). Sign in again.',
    };
  }
  if (status === '403') {
    return {
      severity: 'error',
      message:
        'You are not allowed to read Kubernetes objects (HTTP 403): ask for the kubernetes.resources.read permission.',
    };
  }
  if (/HTTP 404/.test(message) || status === '404') {
    return {
      severity: 'error',
      message:
        'The Kubernetes backend was not found (HTTP 404): install @backstage/plugin-kubernetes-backend in the portal backend.',
    };
  }
  if (status && status.startsWith('5')) {
    const detail = message.replace(/^Request failed with \d{3}[^,]*,\s*/, '');
    return {
      severity: 'error',
      message: `The Kubernetes backend failed (HTTP ${status})${
        detail && detail !== message ? `: ${detail.slice(0, 200)}` : ''
      }.`,
    };
  }
  if (/JSON|Unexpected token|Unexpected end/i.test(message)) {
    return {
      severity: 'error',
      message: 'The Kubernetes backend sent an answer that is not valid JSON.',
    };
  }
  if (/Failed to fetch|NetworkError|fetch failed|ECONNREFUSED/i.test(message)) {
    return {
      severity: 'error',
      message:
        'The Kubernetes backend could not be reached. Is the portal backend running?',
    };
  }
  return {
    severity: 'error',
    message: `Kubernetes objects could not be loaded: ${message}`,
  };
}
