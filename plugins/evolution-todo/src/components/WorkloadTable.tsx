import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { WorkloadHealth } from '@evolution-todo/plugin-evolution-todo-common';
import {
  formatHpa,
  formatReplicaDetail,
  formatReplicas,
  formatStrategy,
} from './format';
import { LiveChecks } from './LiveChecks';
import { VerdictStatus } from './VerdictStatus';

/** One row per workload: the overview card's body. */
export function WorkloadTable(props: {
  workloads: WorkloadHealth[];
  showCluster?: boolean;
}) {
  const { workloads, showCluster } = props;
  return (
    <Table size="small" aria-label="Workloads">
      <TableHead>
        <TableRow>
          <TableCell>Workload</TableCell>
          <TableCell>Verdict</TableCell>
          <TableCell>Replicas</TableCell>
          <TableCell>Rollout</TableCell>
          <TableCell>Image</TableCell>
          <TableCell>Strategy</TableCell>
          <TableCell>Autoscaling</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {workloads.map(w => (
          <TableRow
            key={`${w.cluster}/${w.key}`}
            data-testid={`workload-${w.name}`}
          >
            <TableCell>
              <Typography variant="body2">{w.name}</Typography>
              <Typography variant="caption" color="textSecondary">
                {w.kind}
                {showCluster && w.cluster ? ` · ${w.cluster}` : ''}
              </Typography>
            </TableCell>
            <TableCell>
              <VerdictStatus verdict={w.verdict} />
              {w.reasons.map(reason => (
                <Typography key={reason} variant="caption" component="div">
                  {reason}
                </Typography>
              ))}
              <LiveChecks probes={w.probes} />
            </TableCell>
            <TableCell title={formatReplicaDetail(w.replicas)}>
              <Typography variant="body2">
                {formatReplicas(w.replicas)}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                {formatReplicaDetail(w.replicas)}
              </Typography>
            </TableCell>
            <TableCell>
              <Typography variant="body2">
                {w.rollout.state === 'complete'
                  ? 'complete'
                  : w.rollout.message}
              </Typography>
            </TableCell>
            <TableCell>
              <Typography variant="body2" title={w.image?.reference}>
                {w.image?.tag ?? '—'}
              </Typography>
            </TableCell>
            <TableCell>
              <Typography variant="body2">
                {formatStrategy(w.strategy)}
              </Typography>
            </TableCell>
            <TableCell>
              <Typography variant="body2">
                {w.hpa ? `HPA ${formatHpa(w.hpa)}` : 'no HPA'}
                {w.hpa?.saturated ? ' · at maximum' : ''}
              </Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
