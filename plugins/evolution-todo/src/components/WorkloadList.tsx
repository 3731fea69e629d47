import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
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
import {
  HpaMetricBars,
  PodBar,
  RolloutBar,
  RolloutStateChip,
} from './WorkloadGauges';

/** One compact block per workload: the overview card's body, which is narrow. */
export function WorkloadList(props: {
  workloads: WorkloadHealth[];
  showCluster?: boolean;
}) {
  const { workloads, showCluster } = props;
  return (
    <Box>
      {workloads.map((w, index) => (
        <Box
          key={`${w.cluster}/${w.key}`}
          data-testid={`workload-${w.name}`}
          paddingTop={index === 0 ? 0 : 1.5}
        >
          {index > 0 && <Divider style={{ marginBottom: 12 }} />}
          <Box display="flex" alignItems="center" gridGap={12} flexWrap="wrap">
            <Typography variant="subtitle1">
              <strong>{w.name}</strong>
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {w.kind}
              {showCluster && w.cluster ? ` · ${w.cluster}` : ''}
            </Typography>
            <VerdictStatus verdict={w.verdict} />
            {w.rollout.state === 'paused' || w.rollout.state === 'deleting' ? (
              <RolloutStateChip workload={w} />
            ) : null}
          </Box>
          {w.reasons.map(reason => (
            <Typography key={reason} variant="body2">
              {reason}
            </Typography>
          ))}
          <Box
            display="flex"
            flexWrap="wrap"
            gridColumnGap={24}
            gridRowGap={4}
            marginY={0.5}
          >
            <PodBar workload={w} />
            <RolloutBar workload={w} />
            <HpaMetricBars workload={w} />
          </Box>
          <Typography variant="body2" color="textSecondary">
            {formatReplicas(w.replicas)} ({formatReplicaDetail(w.replicas)}) ·
            image {w.image?.tag ?? '—'} · {formatStrategy(w.strategy)}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Rollout:{' '}
            {w.rollout.state === 'complete' ? 'complete' : w.rollout.message}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {w.hpa
              ? `HPA ${formatHpa(w.hpa)}${
                  w.hpa.saturated ? ' · at maximum' : ''
                }`
              : 'no HPA'}
          </Typography>
          <LiveChecks probes={w.probes} />
        </Box>
      ))}
    </Box>
  );
}
