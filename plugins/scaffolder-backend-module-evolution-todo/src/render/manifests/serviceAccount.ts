import { ServiceAccount } from 'kubernetes-models/v1';
import { serviceAccountName } from '@evolution-todo/plugin-evolution-todo-common';
import type { ManifestRenderer } from './types';

/**
 * One ServiceAccount for the release, with the platform's annotations (IRSA's
 * eks.amazonaws.com/role-arn, GKE's iam.gke.io/gcp-service-account). Pods do
 * not mount its Kubernetes API token: none of the services talk to the API.
 * Twin of the chart's templates/serviceaccount.yaml.
 */
export const renderServiceAccount: ManifestRenderer = ctx => {
  const { annotations } = ctx.spec.serviceAccount;
  return [
    {
      file: 'serviceaccount.yaml',
      object: new ServiceAccount({
        metadata: {
          ...ctx.metadata(serviceAccountName(ctx.release)),
          ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
        },
        automountServiceAccountToken: false,
      }).toJSON() as any,
    },
  ];
};
