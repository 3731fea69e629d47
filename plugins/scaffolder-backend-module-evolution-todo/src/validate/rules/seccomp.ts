import { asRecord } from '../objects';
import { containerRule, effectiveSecurity } from './helpers';

const CONFINED = ['RuntimeDefault', 'Localhost'];

export const seccompRuntimeDefault = containerRule(
  {
    id: 'seccomp-runtime-default',
    severity: 'error',
    description:
      'Every container runs with the RuntimeDefault (or a Localhost) seccomp profile, set on the pod or the container.',
  },
  ctx => {
    const profile = effectiveSecurity(ctx, 'seccompProfile');
    const type = asRecord(profile.value).type;
    return typeof type === 'string' && CONFINED.includes(type)
      ? []
      : [
          {
            field: `${profile.field}.type`,
            problem: `must be RuntimeDefault${
              type === undefined ? '' : `, is ${JSON.stringify(type)}`
            }`,
          },
        ];
  },
);
