import { labelsOf } from '../objects';
import { objectRule } from './helpers';

const KINDS = ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'];

/** kube-prometheus-stack selects ServiceMonitors and rules by its release name, by default. */
export const prometheusReleaseLabel = objectRule(
  {
    id: 'prometheus-release-label',
    severity: 'warning',
    description: `${KINDS.join(
      ', ',
    )} carry the \`release\` label kube-prometheus-stack selects them by.`,
  },
  ({ object }) =>
    KINDS.includes(object.kind) && !labelsOf(object).release
      ? [
          {
            field: 'metadata.labels.release',
            problem: 'should name the Prometheus release',
          },
        ]
      : [],
);
