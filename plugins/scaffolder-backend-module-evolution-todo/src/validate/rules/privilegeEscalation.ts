import { containerRule, containerSecurity, type FieldProblem } from './helpers';

export const noPrivilegeEscalation = containerRule(
  {
    id: 'no-privilege-escalation',
    severity: 'error',
    description:
      'Every container sets allowPrivilegeEscalation false and is not privileged.',
  },
  ctx => {
    const security = containerSecurity(ctx);
    const field = `${ctx.path}.securityContext`;
    const problems: FieldProblem[] = [];
    if (security.allowPrivilegeEscalation !== false) {
      problems.push({
        field: `${field}.allowPrivilegeEscalation`,
        problem: 'must be false',
      });
    }
    if (security.privileged === true) {
      problems.push({
        field: `${field}.privileged`,
        problem: 'must not be true',
      });
    }
    return problems;
  },
);
