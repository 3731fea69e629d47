import { asArray, asRecord, namespaceOf, withPodTemplates } from '../objects';
import type { LoadedObject, PolicyRule } from '../types';

/** A policy that selects every pod and allows no ingress: everything else is an explicit allow. */
export function isDefaultDenyIngress(loaded: LoadedObject): boolean {
  if (loaded.object.kind !== 'NetworkPolicy') {
    return false;
  }
  const spec = asRecord(loaded.object.spec);
  const podSelector = asRecord(spec.podSelector);
  const selectsAll =
    Object.keys(asRecord(podSelector.matchLabels)).length === 0 &&
    asArray(podSelector.matchExpressions).length === 0;
  return (
    selectsAll &&
    asArray(spec.policyTypes).includes('Ingress') &&
    asArray(spec.ingress).length === 0
  );
}

export const networkPolicyDefaultDeny: PolicyRule = {
  id: 'network-policy-default-deny',
  severity: 'error',
  description:
    'Every namespace that runs pods has a default-deny NetworkPolicy (empty podSelector, policyTypes Ingress, no ingress rules); other policies allow only the paths the app needs.',
  check: objects => {
    const denied = new Set(
      objects.filter(isDefaultDenyIngress).map(o => namespaceOf(o.object)),
    );
    const reported = new Set<string>();
    return withPodTemplates(objects).flatMap(({ loaded }) => {
      const namespace = namespaceOf(loaded.object);
      // One finding per namespace, on its first workload: the fix is one object.
      if (denied.has(namespace) || reported.has(namespace)) {
        return [];
      }
      reported.add(namespace);
      return [
        {
          object: loaded,
          field: 'metadata.namespace',
          problem: `namespace "${namespace}" has no default-deny ingress NetworkPolicy`,
        },
      ];
    });
  },
};
