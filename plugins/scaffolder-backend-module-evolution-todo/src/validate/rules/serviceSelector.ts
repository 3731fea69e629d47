import {
  asArray,
  asRecord,
  mapSelectorMatches,
  namespaceOf,
  stringMap,
  withPodTemplates,
} from '../objects';
import { objectRule, type FieldProblem } from './helpers';

/**
 * A Service whose selector matches no pod template has no endpoints; a named
 * targetPort no container declares never connects.
 */
export const serviceSelector = objectRule(
  {
    id: 'service-selects-pods',
    severity: 'error',
    description:
      'Every Service with a selector selects the pods of a workload in its namespace, and its named targetPorts are container ports of those pods.',
  },
  ({ object }, all) => {
    if (object.kind !== 'Service') {
      return [];
    }
    const spec = asRecord(object.spec);
    const selector = stringMap(spec.selector);
    if (spec.type === 'ExternalName' || Object.keys(selector).length === 0) {
      return [];
    }
    const pods = withPodTemplates(all).filter(
      ({ loaded, template }) =>
        namespaceOf(loaded.object) === namespaceOf(object) &&
        mapSelectorMatches(selector, template.labels),
    );
    if (pods.length === 0) {
      return [
        {
          field: 'spec.selector',
          problem: 'selects no pod template among the objects',
        },
      ];
    }
    const declared = new Set(
      pods.flatMap(({ template }) =>
        asArray(template.spec.containers).flatMap(container =>
          asArray(asRecord(container).ports).map(port => asRecord(port).name),
        ),
      ),
    );
    const problems: FieldProblem[] = [];
    asArray(spec.ports).forEach((raw, index) => {
      const target = asRecord(raw).targetPort;
      if (typeof target === 'string' && !declared.has(target)) {
        problems.push({
          field: `spec.ports[${index}].targetPort`,
          problem: `names port "${target}", which no selected container declares`,
        });
      }
    });
    return problems;
  },
);
