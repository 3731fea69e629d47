import { asRecord } from '../objects';
import { objectRule } from './helpers';

const isZero = (value: unknown) =>
  value === 0 || value === '0' || value === '0%';

export const rollingUpdate = objectRule(
  {
    id: 'rolling-update',
    severity: 'error',
    description:
      'Deployments roll with strategy RollingUpdate, maxUnavailable 0 and maxSurge ≥ 1: a new pod is ready before an old one goes.',
  },
  ({ object }) => {
    if (object.kind !== 'Deployment') {
      return [];
    }
    const strategy = asRecord(asRecord(object.spec).strategy);
    if (strategy.type !== undefined && strategy.type !== 'RollingUpdate') {
      return [
        {
          field: 'spec.strategy.type',
          problem: `must be RollingUpdate, is ${JSON.stringify(strategy.type)}`,
        },
      ];
    }
    const update = asRecord(strategy.rollingUpdate);
    const problems = [];
    if (!isZero(update.maxUnavailable)) {
      problems.push({
        field: 'spec.strategy.rollingUpdate.maxUnavailable',
        problem: `must be 0${
          update.maxUnavailable === undefined
            ? ' (the default is 25%)'
            : `, is ${JSON.stringify(update.maxUnavailable)}`
        }`,
      });
    }
    if (update.maxSurge !== undefined && isZero(update.maxSurge)) {
      problems.push({
        field: 'spec.strategy.rollingUpdate.maxSurge',
        problem:
          'must be at least 1 when maxUnavailable is 0, or the rollout cannot progress',
      });
    }
    return problems;
  },
);
