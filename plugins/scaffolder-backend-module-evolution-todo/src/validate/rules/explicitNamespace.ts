import { CLUSTER_SCOPED_KINDS, namespaceOf } from '../objects';
import { objectRule } from './helpers';

/**
 * `kubectl apply -f k8s/` must not depend on the caller's current namespace,
 * and the Kubernetes plugin shows objects by namespace.
 */
export const explicitNamespace = objectRule(
  {
    id: 'explicit-namespace',
    severity: 'error',
    description: 'Every namespaced object states metadata.namespace.',
  },
  ({ object }) =>
    CLUSTER_SCOPED_KINDS.has(object.kind) || namespaceOf(object) !== ''
      ? []
      : [{ field: 'metadata.namespace', problem: 'must be set' }],
);
