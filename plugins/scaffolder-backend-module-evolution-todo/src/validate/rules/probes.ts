import { isDeepStrictEqual } from 'node:util';
import { LONG_RUNNING_KINDS } from '../objects';
import { containerRule, type FieldProblem } from './helpers';

/**
 * Readiness takes a pod out of the Service, liveness restarts it. Identical
 * probes turn a slow dependency into a restart storm, so they must differ
 * (in what they check or in how patient they are).
 */
export const probes = containerRule(
  {
    id: 'probes',
    severity: 'error',
    description:
      'The app container of every Deployment, StatefulSet and DaemonSet has a readiness and a liveness probe, and they are not identical.',
  },
  ctx => {
    if (!ctx.main || !LONG_RUNNING_KINDS.includes(ctx.loaded.object.kind)) {
      return [];
    }
    const { livenessProbe, readinessProbe } = ctx.container;
    const problems: FieldProblem[] = [];
    if (readinessProbe === undefined) {
      problems.push({
        field: `${ctx.path}.readinessProbe`,
        problem: 'must be set',
      });
    }
    if (livenessProbe === undefined) {
      problems.push({
        field: `${ctx.path}.livenessProbe`,
        problem: 'must be set',
      });
    }
    if (
      livenessProbe !== undefined &&
      isDeepStrictEqual(livenessProbe, readinessProbe)
    ) {
      problems.push({
        field: `${ctx.path}.livenessProbe`,
        problem:
          'must differ from readinessProbe (liveness checks the process, readiness its dependencies)',
      });
    }
    return problems;
  },
);
