import {
  asArray,
  asRecord,
  nameOf,
  namespaceOf,
  podTemplateOf,
} from '../objects';
import { objectRule } from './helpers';

export const topologySpread = objectRule(
  {
    id: 'topology-spread',
    severity: 'warning',
    description:
      'Deployments that run (or may scale to) more than one replica spread their pods over nodes (topologySpreadConstraints or pod anti-affinity).',
  },
  ({ object }, all) => {
    if (object.kind !== 'Deployment') {
      return [];
    }
    const replicas = asRecord(object.spec).replicas;
    const autoscaled = all.some(
      ({ object: o }) =>
        o.kind === 'HorizontalPodAutoscaler' &&
        namespaceOf(o) === namespaceOf(object) &&
        asRecord(asRecord(o.spec).scaleTargetRef).name === nameOf(object),
    );
    // Without replicas and without an HPA, a Deployment runs one pod.
    const several =
      autoscaled || (typeof replicas === 'number' && replicas > 1);
    const template = podTemplateOf(object)!;
    const antiAffinity = asRecord(
      asRecord(template.spec.affinity).podAntiAffinity,
    );
    const spread =
      asArray(template.spec.topologySpreadConstraints).length > 0 ||
      Object.keys(antiAffinity).length > 0;
    return !several || spread
      ? []
      : [
          {
            field: `${template.path}.spec.topologySpreadConstraints`,
            problem:
              'should spread the pods over nodes (kubernetes.io/hostname)',
          },
        ];
  },
);
