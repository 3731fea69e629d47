import { namespaceOf, nameOf, withPodTemplates } from '../objects';
import type { PolicyRule, Violation } from '../types';

/**
 * None of the services talk to the Kubernetes API, so no pod gets a token:
 * pods run as a dedicated ServiceAccount whose token is not mounted.
 */
export const serviceAccountToken: PolicyRule = {
  id: 'service-account-token',
  severity: 'error',
  description:
    'Pods run as a dedicated ServiceAccount (not "default") and do not mount its token (automountServiceAccountToken false on the ServiceAccount or the pod).',
  check: objects => {
    const accounts = objects.filter(o => o.object.kind === 'ServiceAccount');
    const violations: Violation[] = accounts
      .filter(a => a.object.automountServiceAccountToken !== false)
      .map(a => ({
        object: a,
        field: 'automountServiceAccountToken',
        problem: 'must be false',
      }));
    for (const { loaded, template } of withPodTemplates(objects)) {
      const field = `${template.path}.spec`;
      const accountName = template.spec.serviceAccountName;
      if (
        typeof accountName !== 'string' ||
        accountName === '' ||
        accountName === 'default'
      ) {
        violations.push({
          object: loaded,
          field: `${field}.serviceAccountName`,
          problem: 'must name a dedicated ServiceAccount, not "default"',
        });
      }
      const podSetting = template.spec.automountServiceAccountToken;
      if (podSetting === true) {
        violations.push({
          object: loaded,
          field: `${field}.automountServiceAccountToken`,
          problem: 'must not be true',
        });
        continue;
      }
      const account = accounts.find(
        a =>
          nameOf(a.object) === accountName &&
          namespaceOf(a.object) === namespaceOf(loaded.object),
      );
      if (
        podSetting !== false &&
        account?.object.automountServiceAccountToken !== false
      ) {
        violations.push({
          object: loaded,
          field: `${field}.automountServiceAccountToken`,
          problem: `must be false (the ServiceAccount ${String(
            accountName ?? 'default',
          )} does not disable it)`,
        });
      }
    }
    return violations;
  },
};
