import {
  isAppComponent,
  LABELS,
} from '@evolution-todo/plugin-evolution-todo-common';
import { labelsOf } from '../objects';
import { containerRule } from './helpers';

/**
 * App services start slowly (Next.js, Python imports, migrations): a startup
 * probe holds liveness back until they are up instead of a long initialDelaySeconds.
 */
export const startupProbe = containerRule(
  {
    id: 'startup-probe',
    severity: 'error',
    description:
      'The app container of every frontend, backend and mcp workload has a startup probe.',
  },
  ctx => {
    const component = labelsOf(ctx.loaded.object)[LABELS.component] ?? '';
    if (
      !ctx.main ||
      !isAppComponent(component) ||
      ctx.container.startupProbe !== undefined
    ) {
      return [];
    }
    return [{ field: `${ctx.path}.startupProbe`, problem: 'must be set' }];
  },
);
