import { asRecord } from '../objects';
import { objectRule } from './helpers';

/**
 * Secrets never live in the repository: k8s/ ships a `.example` to copy, the
 * chart takes an existingSecret or creates one at install.
 */
export const noSecretData = objectRule(
  {
    id: 'no-secret-data',
    severity: 'error',
    description:
      'No Secret with data or stringData is committed; use an existing Secret, a generated one, or an external secret store.',
  },
  ({ object }) => {
    if (object.kind !== 'Secret') {
      return [];
    }
    return (['data', 'stringData'] as const)
      .filter(key => Object.keys(asRecord(object[key])).length > 0)
      .map(key => ({
        field: key,
        problem: 'must not hold secret values in the repository',
      }));
  },
);
