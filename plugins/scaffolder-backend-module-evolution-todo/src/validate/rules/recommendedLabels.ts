import { LABELS } from '@evolution-todo/plugin-evolution-todo-common';
import { labelsOf } from '../objects';
import { objectRule } from './helpers';

const RECOMMENDED = [
  LABELS.name,
  LABELS.instance,
  LABELS.partOf,
  LABELS.version,
  LABELS.managedBy,
];

export const recommendedLabels = objectRule(
  {
    id: 'recommended-labels',
    severity: 'warning',
    description: `Every object carries the recommended labels ${RECOMMENDED.join(
      ', ',
    )}.`,
  },
  ({ object }) => {
    const labels = labelsOf(object);
    return RECOMMENDED.filter(key => !labels[key]).map(key => ({
      field: `metadata.labels["${key}"]`,
      problem: 'should be set',
    }));
  },
);
