import { bytes, cpuMillis } from '@evolution-todo/plugin-evolution-todo-common';
import { asRecord } from '../objects';
import { containerRule, type FieldProblem } from './helpers';

/** A quantity in comparable units, or undefined when it is not one the parser knows. */
function amount(
  resource: 'cpu' | 'memory',
  value: unknown,
): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') {
    return undefined;
  }
  try {
    return resource === 'cpu' ? cpuMillis(text) : bytes(text);
  } catch {
    return undefined;
  }
}

export const resources = containerRule(
  {
    id: 'resources',
    severity: 'error',
    description:
      'Every container sets cpu and memory requests (for scheduling and HPA utilisation) and limits, with requests ≤ limits.',
  },
  ctx => {
    const field = `${ctx.path}.resources`;
    const set = asRecord(ctx.container.resources);
    const problems: FieldProblem[] = [];
    for (const resource of ['cpu', 'memory'] as const) {
      const request = asRecord(set.requests)[resource];
      const limit = asRecord(set.limits)[resource];
      if (request === undefined) {
        problems.push({
          field: `${field}.requests.${resource}`,
          problem: 'must be set',
        });
      }
      if (limit === undefined) {
        problems.push({
          field: `${field}.limits.${resource}`,
          problem: 'must be set',
        });
      }
      const r = amount(resource, request);
      const l = amount(resource, limit);
      if (r !== undefined && l !== undefined && r > l) {
        problems.push({
          field: `${field}.requests.${resource}`,
          problem: `must not exceed limits.${resource} (${String(
            request,
          )} > ${String(limit)})`,
        });
      }
    }
    return problems;
  },
);
