import { InputError } from '@backstage/errors';
import type { ManifestObject, SourcedObject } from './types';
import { describeObject } from './types';

/**
 * Pod Security Admission labels for the `restricted` profile: `enforce`
 * rejects non-compliant pods, `audit` and `warn` report them, so a violation
 * is visible in the audit log and to whoever applies, not only as a rejection.
 */
export const RESTRICTED_POD_SECURITY_LABELS: Readonly<Record<string, string>> =
  {
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/warn': 'restricted',
  };

/** Source label for the Namespace object the action adds itself. */
export const CREATED_NAMESPACE_SOURCE = 'input "createNamespace"';

/**
 * Refuses objects that would land in another namespace than the input names,
 * as `kubectl apply -n` does: the manifests were rendered for one namespace,
 * and a mismatch means the form and the rendered files disagree. Checked
 * before anything is sent, so a mismatch applies nothing.
 */
export function checkNamespaceScope(
  objects: readonly SourcedObject[],
  namespace: string,
) {
  const strays = objects.filter(({ object }) =>
    object.kind === 'Namespace'
      ? object.metadata.name !== namespace
      : object.metadata.namespace !== undefined &&
        object.metadata.namespace !== namespace,
  );
  if (strays.length > 0) {
    const list = strays
      .slice(0, 5)
      .map(({ object, source }) => `${describeObject(object)} (${source})`)
      .join(', ');
    const more = strays.length > 5 ? ` and ${strays.length - 5} more` : '';
    throw new InputError(
      `Input "namespace" is "${namespace}", but these objects belong to another namespace: ${list}${more}. Render the manifests for "${namespace}" or deploy to their namespace.`,
    );
  }
}

/**
 * Adds the target Namespace with the restricted Pod Security labels. When the
 * manifests already contain that Namespace, the labels are merged into it
 * instead: two applies of one object by the same field manager would have the
 * second one drop the labels only the first one set.
 */
export function withNamespace(
  objects: readonly SourcedObject[],
  namespace: string,
): SourcedObject[] {
  const existing = objects.find(
    ({ object }) =>
      object.kind === 'Namespace' && object.metadata.name === namespace,
  );
  if (existing) {
    return objects.map(entry =>
      entry === existing
        ? { ...entry, object: labelledNamespace(entry.object) }
        : entry,
    );
  }
  const created: ManifestObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      labels: { ...RESTRICTED_POD_SECURITY_LABELS },
    },
  };
  return [{ object: created, source: CREATED_NAMESPACE_SOURCE }, ...objects];
}

function labelledNamespace(object: ManifestObject): ManifestObject {
  return {
    ...object,
    metadata: {
      ...object.metadata,
      labels: { ...object.metadata.labels, ...RESTRICTED_POD_SECURITY_LABELS },
    },
  };
}
