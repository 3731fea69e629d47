import { containerRule, effectiveSecurity } from './helpers';

/** UIDs below 10000 may collide with users of the node (PSS "restricted" and most platform policies). */
export const MIN_UID = 10000;

export const runAsNonRoot = containerRule(
  {
    id: 'run-as-non-root',
    severity: 'error',
    description: `Every container runs as non-root with a numeric UID ≥ ${MIN_UID} (runAsNonRoot true, runAsUser set, on the pod or the container).`,
  },
  ctx => {
    const problems = [];
    const nonRoot = effectiveSecurity(ctx, 'runAsNonRoot');
    if (nonRoot.value !== true) {
      problems.push({ field: nonRoot.field, problem: 'must be true' });
    }
    const user = effectiveSecurity(ctx, 'runAsUser');
    if (typeof user.value !== 'number' || !Number.isInteger(user.value)) {
      problems.push({
        field: user.field,
        problem: `must be a numeric UID ≥ ${MIN_UID} (an image's USER name cannot be verified)`,
      });
    } else if (user.value < MIN_UID) {
      problems.push({
        field: user.field,
        problem: `must be ≥ ${MIN_UID}, is ${user.value}`,
      });
    }
    return problems;
  },
);
