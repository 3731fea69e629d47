import { asRecord, podTemplateOf, selectorMatches } from '../objects';
import { objectRule } from './helpers';

/** The API server rejects a workload whose selector does not match its own pod template. */
export const workloadSelector = objectRule(
  {
    id: 'workload-selector',
    severity: 'error',
    description:
      'Every Deployment, StatefulSet, DaemonSet and ReplicaSet selector matches its own pod template labels.',
  },
  ({ object }) => {
    if (
      !['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(
        object.kind,
      )
    ) {
      return [];
    }
    const template = podTemplateOf(object)!;
    const selector = asRecord(object.spec).selector;
    const empty =
      Object.keys(asRecord(asRecord(selector).matchLabels)).length === 0 &&
      asRecord(selector).matchExpressions === undefined;
    if (empty) {
      return [
        {
          field: 'spec.selector',
          problem: 'must select the pods by their labels',
        },
      ];
    }
    return selectorMatches(selector, template.labels)
      ? []
      : [
          {
            field: 'spec.selector',
            problem: `does not match ${template.path}.metadata.labels`,
          },
        ];
  },
);
