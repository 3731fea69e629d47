import { asArray, asRecord } from '../objects';
import { containerRule, containerSecurity, type FieldProblem } from './helpers';

/** The only capability PSS "restricted" lets a container add back. */
const ALLOWED_ADD = ['NET_BIND_SERVICE'];

export const dropAllCapabilities = containerRule(
  {
    id: 'drop-all-capabilities',
    severity: 'error',
    description: `Every container drops ALL capabilities and adds none but ${ALLOWED_ADD.join(
      ', ',
    )}.`,
  },
  ctx => {
    const capabilities = asRecord(containerSecurity(ctx).capabilities);
    const field = `${ctx.path}.securityContext.capabilities`;
    const problems: FieldProblem[] = [];
    if (!asArray(capabilities.drop).includes('ALL')) {
      problems.push({ field: `${field}.drop`, problem: 'must include "ALL"' });
    }
    asArray(capabilities.add).forEach((capability, index) => {
      if (!ALLOWED_ADD.includes(String(capability))) {
        problems.push({
          field: `${field}.add[${index}]`,
          problem: `must not add ${JSON.stringify(capability)}`,
        });
      }
    });
    return problems;
  },
);
