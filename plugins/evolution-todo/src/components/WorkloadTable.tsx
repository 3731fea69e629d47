import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { WorkloadHealth } from '@evolution-todo/plugin-evolution-todo-common';
import { formatHpa, formatReplicaDetail, formatStrategy } from './format';
import { LiveChecks } from './LiveChecks';
import { VerdictStatus } from './VerdictStatus';
import {
  HpaMetricBars,
  PodBar,
  RolloutBar,
  RolloutStateChip,
} from './WorkloadGauges';

const useStyles = makeStyles(theme => ({
  // Headers, names and tags never break inside a word ("Rollo ut", "todo-backen d"):
  // they keep to one line and the reasons column takes what is left.
  table: {
    tableLayout: 'auto',
    // MUI's small cells keep 24 px on the right; at 1024 px those columns are needed.
    '& th, & td': { padding: theme.spacing(0.75, 1.25) },
  },
  nowrap: {
    whiteSpace: 'nowrap',
    wordBreak: 'normal',
    overflowWrap: 'normal',
  },
  reasons: {
    minWidth: 180,
    wordBreak: 'normal',
    // Only a single token longer than the column (a URL, a pod name) may break.
    overflowWrap: 'break-word',
  },
  image: { wordBreak: 'normal', overflowWrap: 'normal' },
  verdictLine: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    whiteSpace: 'nowrap',
  },
}));

/** One row per workload: the entity tab's overview, wide. */
export function WorkloadTable(props: {
  workloads: WorkloadHealth[];
  showCluster?: boolean;
}) {
  const classes = useStyles();
  const { workloads, showCluster } = props;
  const header = (text: string) => (
    <TableCell className={classes.nowrap}>{text}</TableCell>
  );
  return (
    <Table size="small" aria-label="Workloads" className={classes.table}>
      <TableHead>
        <TableRow>
          {header('Workload')}
          {header('Verdict')}
          {header('Pods, rollout, autoscaling')}
          {header('Image')}
        </TableRow>
      </TableHead>
      <TableBody>
        {workloads.map(w => (
          <TableRow
            key={`${w.cluster}/${w.key}`}
            data-testid={`workload-${w.name}`}
          >
            <TableCell className={classes.nowrap}>
              <Typography variant="body2">{w.name}</Typography>
              <Typography variant="caption" color="textSecondary">
                {w.kind}
                {showCluster && w.cluster ? ` · ${w.cluster}` : ''}
              </Typography>
            </TableCell>
            <TableCell className={classes.reasons}>
              <Box className={classes.verdictLine}>
                <VerdictStatus verdict={w.verdict} />
                <RolloutStateChip workload={w} />
              </Box>
              {w.reasons.map(reason => (
                <Typography key={reason} variant="caption" component="div">
                  {reason}
                </Typography>
              ))}
              <LiveChecks probes={w.probes} />
            </TableCell>
            <TableCell title={formatReplicaDetail(w.replicas)}>
              <PodBar workload={w} />
              <RolloutBar workload={w} chip={false} />
              {w.hpa ? (
                <>
                  <HpaMetricBars workload={w} />
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    className={classes.nowrap}
                    component="div"
                    title={`HPA ${formatHpa(w.hpa)}`}
                  >
                    HPA {w.hpa.minReplicas}–{w.hpa.maxReplicas} replicas,{' '}
                    {w.hpa.currentReplicas ?? '?'} →{' '}
                    {w.hpa.desiredReplicas ?? w.hpa.currentReplicas ?? '?'}
                    {w.hpa.saturated ? ' · at maximum' : ''}
                  </Typography>
                </>
              ) : (
                <Typography variant="caption" color="textSecondary">
                  no HPA
                </Typography>
              )}
            </TableCell>
            <TableCell className={classes.image}>
              <Typography
                variant="body2"
                title={w.image?.reference}
                className={classes.nowrap}
              >
                {w.image?.tag ?? '—'}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                {formatStrategy(w.strategy)}
              </Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
