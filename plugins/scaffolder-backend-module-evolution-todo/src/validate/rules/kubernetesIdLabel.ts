import { LABELS } from '@evolution-todo/plugin-evolution-todo-common';
import { labelsOf, podTemplateOf } from '../objects';
import { objectRule, type FieldProblem } from './helpers';

const labelField = (prefix: string) =>
  `${prefix}metadata.labels["${LABELS.kubernetesId}"]`;

/**
 * The Backstage Kubernetes backend finds a system's objects (pods included,
 * which carry only their template's labels) by this label.
 */
export const kubernetesIdLabel = objectRule(
  {
    id: 'kubernetes-id-label',
    severity: 'error',
    description: `Every object and every pod template carries the ${LABELS.kubernetesId} label, with the same value.`,
  },
  ({ object }) => {
    const problems: FieldProblem[] = [];
    const id = labelsOf(object)[LABELS.kubernetesId];
    if (!id) {
      problems.push({ field: labelField(''), problem: 'must be set' });
    }
    const template = podTemplateOf(object);
    if (template) {
      const podId = template.labels[LABELS.kubernetesId];
      if (!podId) {
        problems.push({
          field: labelField(`${template.path}.`),
          problem: 'must be set',
        });
      } else if (id && podId !== id) {
        problems.push({
          field: labelField(`${template.path}.`),
          problem: `must equal the object's value "${id}", is "${podId}"`,
        });
      }
    }
    return problems;
  },
);
