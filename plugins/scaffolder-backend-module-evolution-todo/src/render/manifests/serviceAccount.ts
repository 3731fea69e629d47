import { ServiceAccount } from 'kubernetes-models/v1';
import { serviceAccountName } from '@evolution-todo/plugin-evolution-todo-common';
import type { ManifestRenderer } from './types';

/**
 * One ServiceAccount for the release. Pods do not mount its token: none of the
 * services talk to the Kubernetes API.
 */
export const renderServiceAccount: ManifestRenderer = ctx => [
  {
    file: 'serviceaccount.yaml',
    object: new ServiceAccount({
      metadata: ctx.metadata(serviceAccountName(ctx.release)),
      automountServiceAccountToken: false,
    }).toJSON() as any,
  },
];
