import {
  asArray,
  asRecord,
  labelsOf,
  namespaceOf,
  selectorMatches,
} from '../objects';
import type { LoadedObject } from '../types';
import { objectRule, type FieldProblem } from './helpers';

function namedPorts(service: LoadedObject): string[] {
  return asArray(asRecord(service.object.spec).ports)
    .map(port => asRecord(port).name)
    .filter((name): name is string => typeof name === 'string');
}

/** A ServiceMonitor that selects nothing, or a port no Service names, scrapes nothing and alerts nobody. */
export const serviceMonitorTarget = objectRule(
  {
    id: 'service-monitor-target',
    severity: 'error',
    description:
      'Every ServiceMonitor selects at least one Service, and every endpoint names a port those Services declare.',
  },
  ({ object }, all) => {
    if (object.kind !== 'ServiceMonitor') {
      return [];
    }
    const spec = asRecord(object.spec);
    const namespaceSelector = asRecord(spec.namespaceSelector);
    const names = asArray(namespaceSelector.matchNames).map(String);
    const inScope = (service: LoadedObject) =>
      namespaceSelector.any === true ||
      (names.length > 0 ? names : [namespaceOf(object)]).includes(
        namespaceOf(service.object),
      );
    const services = all.filter(
      s =>
        s.object.kind === 'Service' &&
        inScope(s) &&
        selectorMatches(spec.selector, labelsOf(s.object)),
    );
    if (services.length === 0) {
      return [{ field: 'spec.selector', problem: 'selects no Service' }];
    }
    const problems: FieldProblem[] = [];
    asArray(spec.endpoints).forEach((raw, index) => {
      const port = asRecord(raw).port;
      if (port === undefined) {
        problems.push({
          field: `spec.endpoints[${index}].port`,
          problem:
            'should name a Service port (targetPort numbers break when ports move)',
        });
      } else if (!services.some(s => namedPorts(s).includes(String(port)))) {
        problems.push({
          field: `spec.endpoints[${index}].port`,
          problem: `names port "${String(
            port,
          )}", which no selected Service declares`,
        });
      }
    });
    return problems;
  },
);
