import {
  isAppComponent,
  LABELS,
} from '@evolution-todo/plugin-evolution-todo-common';
import { asRecord, labelsOf } from '../objects';
import { containerRule } from './helpers';

/** Without a preStop delay, a rollout drops requests still routed to a terminating pod. */
export const preStopHook = containerRule(
  {
    id: 'prestop-hook',
    severity: 'warning',
    description:
      'The app container of every frontend, backend and mcp Deployment has a preStop hook that delays shutdown until endpoints are updated.',
  },
  ctx => {
    const component = labelsOf(ctx.loaded.object)[LABELS.component] ?? '';
    if (
      !ctx.main ||
      ctx.loaded.object.kind !== 'Deployment' ||
      !isAppComponent(component) ||
      asRecord(ctx.container.lifecycle).preStop !== undefined
    ) {
      return [];
    }
    return [
      {
        field: `${ctx.path}.lifecycle.preStop`,
        problem: 'should be set (e.g. sleep 5)',
      },
    ];
  },
);
