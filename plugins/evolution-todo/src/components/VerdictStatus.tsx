import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { Verdict } from '@evolution-todo/plugin-evolution-todo-common';

/** The verdict as Backstage's status indicator, with the word next to it. */
export function VerdictStatus(props: { verdict: Verdict }) {
  const { verdict } = props;
  switch (verdict) {
    case 'Healthy':
      return <StatusOK>Healthy</StatusOK>;
    case 'Degraded':
      return <StatusWarning>Degraded</StatusWarning>;
    case 'Down':
      return <StatusError>Down</StatusError>;
    default:
      return <StatusPending>Unknown</StatusPending>;
  }
}
