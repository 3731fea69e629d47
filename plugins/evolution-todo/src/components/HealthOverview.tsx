import { Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { EvolutionTodoHealth } from '../health/types';
import { FaultNotices } from './FaultNotices';
import { SystemVerdict } from './SystemVerdict';
import { WorkloadList } from './WorkloadList';
import { WorkloadTable } from './WorkloadTable';

/** Verdict, faults and the workload table: what the card and the tab both show first. */
export function HealthOverview(props: {
  state: EvolutionTodoHealth;
  /** The card is narrow (a list); the tab is wide (a table). */
  layout: 'list' | 'table';
}) {
  const { state, layout } = props;
  const Workloads = layout === 'list' ? WorkloadList : WorkloadTable;
  const label = state.target?.component
    ? `Service ${state.target.component}`
    : `System ${state.target?.release ?? ''}`.trim();
  return (
    <>
      {state.loading && <Progress />}
      <FaultNotices faults={state.faults} />
      {state.health && <SystemVerdict health={state.health} label={label} />}
      {state.health && state.health.workloads.length > 0 && (
        <Workloads
          workloads={state.health.workloads}
          showCluster={state.clusters.length > 1}
        />
      )}
      {!state.loading && !state.health && state.faults.length === 0 && (
        <Typography variant="body2">
          Waiting for the Kubernetes backend.
        </Typography>
      )}
    </>
  );
}
