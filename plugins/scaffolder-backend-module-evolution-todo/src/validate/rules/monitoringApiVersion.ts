import { objectRule } from './helpers';

const GROUP_VERSION = 'monitoring.coreos.com/v1';
const KINDS = [
  'ServiceMonitor',
  'PodMonitor',
  'PrometheusRule',
  'Probe',
  'Prometheus',
  'Alertmanager',
];

/** The original spec's ServiceMonitor said `apiVersion: v1`, which no cluster accepts. */
export const monitoringApiVersion = objectRule(
  {
    id: 'monitoring-api-version',
    severity: 'error',
    description: `${KINDS.join(
      ', ',
    )} use apiVersion ${GROUP_VERSION} (Prometheus Operator).`,
  },
  ({ object }) =>
    KINDS.includes(object.kind) && object.apiVersion !== GROUP_VERSION
      ? [
          {
            field: 'apiVersion',
            problem: `must be ${GROUP_VERSION}, is ${JSON.stringify(
              object.apiVersion,
            )}`,
          },
        ]
      : [],
);
