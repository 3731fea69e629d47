import { asRecord, objectId, nameOf, namespaceOf } from '../objects';
import type { PolicyRule, Violation } from '../types';

/**
 * A Deployment with `replicas` fights its HPA: every apply resets the count
 * the HPA chose. The HPA must point at something that exists, with min ≤ max.
 */
export const hpaTarget: PolicyRule = {
  id: 'hpa-target',
  severity: 'error',
  description:
    'Every HorizontalPodAutoscaler targets a workload in its namespace, with minReplicas ≤ maxReplicas; the targeted workload sets no spec.replicas.',
  check: objects =>
    objects
      .filter(o => o.object.kind === 'HorizontalPodAutoscaler')
      .flatMap(hpa => {
        const spec = asRecord(hpa.object.spec);
        const ref = asRecord(spec.scaleTargetRef);
        const violations: Violation[] = [];
        const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
        if (typeof spec.maxReplicas === 'number' && min > spec.maxReplicas) {
          violations.push({
            object: hpa,
            field: 'spec.minReplicas',
            problem: `must not exceed maxReplicas (${min} > ${spec.maxReplicas})`,
          });
        }
        const target = objects.find(
          ({ object }) =>
            object.kind === ref.kind &&
            nameOf(object) === ref.name &&
            namespaceOf(object) === namespaceOf(hpa.object),
        );
        if (!target) {
          violations.push({
            object: hpa,
            field: 'spec.scaleTargetRef',
            problem: `targets ${String(ref.kind)}/${String(
              ref.name,
            )}, which is not among the objects`,
          });
        } else if (asRecord(target.object.spec).replicas !== undefined) {
          violations.push({
            object: target,
            field: 'spec.replicas',
            problem: `must not be set: ${objectId(
              hpa.object,
            )} scales this workload`,
          });
        }
        return violations;
      }),
};
