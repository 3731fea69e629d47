import { containerRule, containerSecurity } from './helpers';

export const readOnlyRootFilesystem = containerRule(
  {
    id: 'read-only-root-filesystem',
    severity: 'error',
    description:
      'Every container has readOnlyRootFilesystem true; paths the app writes are emptyDir volumes.',
  },
  ctx =>
    containerSecurity(ctx).readOnlyRootFilesystem === true
      ? []
      : [
          {
            field: `${ctx.path}.securityContext.readOnlyRootFilesystem`,
            problem: 'must be true',
          },
        ],
);
