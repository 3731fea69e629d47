import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme, type Theme } from '@material-ui/core/styles';
import type {
  HpaMetricSummary,
  RolloutState,
  Verdict,
  WorkloadHealth,
} from '@evolution-todo/plugin-evolution-todo-common';

/**
 * Look before you read: per workload a pod bar, the rollout's progress and
 * each HPA metric against its target, drawn in the verdict's colour. Each
 * gauge is an image with an accessible name that says what it shows, so
 * screen readers (and the browser test) read the same numbers.
 */

const BAR_WIDTH = 80;
const BAR_HEIGHT = 8;

export function verdictColor(theme: Theme, verdict: Verdict): string {
  switch (verdict) {
    case 'Healthy':
      return theme.palette.success.main;
    case 'Degraded':
      return theme.palette.warning.main;
    case 'Down':
      return theme.palette.error.main;
    default:
      return theme.palette.grey[500];
  }
}

const useStyles = makeStyles(theme => ({
  gauge: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    whiteSpace: 'nowrap',
    minHeight: 20,
  },
  track: {
    position: 'relative',
    display: 'flex',
    flex: `0 0 ${BAR_WIDTH}px`,
    width: BAR_WIDTH,
    height: BAR_HEIGHT,
    borderRadius: BAR_HEIGHT / 2,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.disabledBackground,
  },
  segment: { height: '100%' },
  target: {
    position: 'absolute',
    top: -2,
    bottom: -2,
    width: 2,
    backgroundColor: theme.palette.text.primary,
  },
  metricTrack: { overflow: 'visible' },
  label: { fontVariantNumeric: 'tabular-nums' },
}));

function Segment(props: { count: number; of: number; color: string }) {
  const classes = useStyles();
  if (props.count <= 0 || props.of <= 0) return null;
  return (
    <div
      className={classes.segment}
      style={{
        width: `${(100 * props.count) / props.of}%`,
        backgroundColor: props.color,
      }}
    />
  );
}

/** Ready, starting, failing and terminating pods against the desired replicas. */
export function PodBar(props: { workload: WorkloadHealth }) {
  const classes = useStyles();
  const theme = useTheme();
  const { workload: w } = props;
  const { ready, starting, failing, terminating } = w.podCounts;
  const desired = w.replicas.desired;
  const scale = Math.max(desired, ready + starting + failing + terminating, 1);
  const label = `Pods of ${
    w.name
  }: ${ready} ready, ${starting} starting, ${failing} failing${
    terminating ? `, ${terminating} terminating` : ''
  }, of ${desired} desired`;
  return (
    <Box className={classes.gauge}>
      <div
        className={classes.track}
        role="img"
        aria-label={label}
        title={label}
      >
        <Segment
          count={ready}
          of={scale}
          color={verdictColor(theme, w.verdict)}
        />
        <Segment count={starting} of={scale} color={theme.palette.info.light} />
        <Segment count={failing} of={scale} color={theme.palette.error.main} />
        <Segment
          count={terminating}
          of={scale}
          color={theme.palette.grey[400]}
        />
      </div>
      <Typography variant="body2" component="span" className={classes.label}>
        {ready}/{desired} ready
      </Typography>
    </Box>
  );
}

const STATE_WORDS: Partial<Record<RolloutState, string>> = {
  paused: 'Paused',
  deleting: 'Deleting',
  stalled: 'Stalled',
  'waiting-for-controller': 'Waiting',
  progressing: 'Rolling',
};

/** The rollout's state as a chip, for the states worth seeing at a glance. */
export function RolloutStateChip(props: { workload: WorkloadHealth }) {
  const { rollout, name } = props.workload;
  const word = STATE_WORDS[rollout.state];
  if (!word) return null;
  const strong =
    rollout.state === 'paused' ||
    rollout.state === 'deleting' ||
    rollout.state === 'stalled';
  return (
    <Chip
      size="small"
      label={word}
      variant={strong ? 'default' : 'outlined'}
      color={
        rollout.state === 'deleting' || rollout.state === 'stalled'
          ? 'secondary'
          : 'default'
      }
      aria-label={`Rollout of ${name}: ${word.toLowerCase()}`}
      title={rollout.message}
      data-testid={`rollout-state-${name}`}
      style={{ fontWeight: strong ? 600 : undefined }}
    />
  );
}

/** Updated replicas of desired, with the state chip beside it unless `chip` is false. */
export function RolloutBar(props: {
  workload: WorkloadHealth;
  chip?: boolean;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const { workload: w } = props;
  const { updated, desired } = w.replicas;
  const shown = Math.min(updated, desired);
  const label = `Rollout of ${w.name}: ${shown} of ${desired} replicas updated${
    w.rollout.state === 'complete'
      ? ''
      : `, ${STATE_WORDS[w.rollout.state]?.toLowerCase() ?? w.rollout.state}`
  }`;
  return (
    <Box className={classes.gauge}>
      <div
        className={classes.track}
        role="img"
        aria-label={label}
        title={w.rollout.message}
      >
        <Segment
          count={shown}
          of={Math.max(desired, 1)}
          color={verdictColor(theme, w.verdict)}
        />
      </div>
      <Typography variant="body2" component="span" className={classes.label}>
        {shown}/{desired} updated
      </Typography>
      {props.chip === false ? null : <RolloutStateChip workload={w} />}
    </Box>
  );
}

function metricLabel(name: string): string {
  if (name === 'cpu') return 'CPU';
  return name;
}

/** One HPA metric: current against target on one scale, the target as a tick. */
export function MetricBar(props: {
  workload: WorkloadHealth;
  metric: HpaMetricSummary;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const { workload: w, metric: m } = props;
  const current = m.currentValue;
  const target = m.targetValue;
  // One scale for both: the larger of the two, with room to see "above target".
  const scale = Math.max(current ?? 0, target ?? 0) * 1.2 || 1;
  const label = `${metricLabel(m.name)} of ${w.name}: ${
    m.current ?? 'unknown'
  } against a target of ${m.target ?? 'unknown'}${
    m.aboveTarget ? ', above target' : ''
  }`;
  return (
    <Box className={classes.gauge}>
      <div
        className={`${classes.track} ${classes.metricTrack}`}
        role="img"
        aria-label={label}
        title={label}
      >
        {current !== undefined && (
          <div
            className={classes.segment}
            style={{
              width: `${Math.min(100, (100 * current) / scale)}%`,
              backgroundColor: verdictColor(theme, w.verdict),
              borderRadius: BAR_HEIGHT / 2,
            }}
          />
        )}
        {target !== undefined && (
          <div
            className={classes.target}
            style={{ left: `${(100 * target) / scale}%` }}
          />
        )}
      </div>
      <Typography variant="body2" component="span" className={classes.label}>
        {metricLabel(m.name)} {m.current ?? '?'} / {m.target ?? '?'}
      </Typography>
    </Box>
  );
}

/** Every metric of the workload's HPA, or nothing without one. */
export function HpaMetricBars(props: { workload: WorkloadHealth }) {
  const { hpa } = props.workload;
  if (!hpa) return null;
  const metrics = [hpa.cpu, hpa.memory, ...hpa.otherMetrics].filter(
    (m): m is HpaMetricSummary => m !== undefined,
  );
  return (
    <>
      {metrics.map(m => (
        <MetricBar key={m.name} workload={props.workload} metric={m} />
      ))}
    </>
  );
}
