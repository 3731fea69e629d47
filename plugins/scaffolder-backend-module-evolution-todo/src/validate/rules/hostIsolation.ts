import { asArray, asRecord, withPodTemplates } from '../objects';
import type { PolicyRule, Violation } from '../types';

const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const hostIsolation: PolicyRule = {
  id: 'host-isolation',
  severity: 'error',
  description:
    'Pods share no host namespace (hostNetwork, hostPID, hostIPC), mount no hostPath and bind no hostPort.',
  check: objects =>
    withPodTemplates(objects).flatMap(({ loaded, template }) => {
      const at = (field: string, problem: string): Violation => ({
        object: loaded,
        field: `${template.path}.spec.${field}`,
        problem,
      });
      const violations: Violation[] = HOST_NAMESPACES.filter(
        key => template.spec[key] === true,
      ).map(key => at(key, 'must not be true'));
      asArray(template.spec.volumes).forEach((volume, index) => {
        if (asRecord(volume).hostPath !== undefined) {
          violations.push(
            at(`volumes[${index}].hostPath`, 'must not mount a host path'),
          );
        }
      });
      for (const key of ['initContainers', 'containers']) {
        asArray(template.spec[key]).forEach((container, c) => {
          asArray(asRecord(container).ports).forEach((port, p) => {
            if (asRecord(port).hostPort !== undefined) {
              violations.push(
                at(
                  `${key}[${c}].ports[${p}].hostPort`,
                  'must not bind a host port',
                ),
              );
            }
          });
        });
      }
      return violations;
    }),
};
