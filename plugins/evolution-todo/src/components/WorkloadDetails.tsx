import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { WorkloadHealth } from '@evolution-todo/plugin-evolution-todo-common';
import { formatHpa, formatReplicaDetail, formatStrategy } from './format';
import { LiveChecks } from './LiveChecks';
import { VerdictStatus } from './VerdictStatus';

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Box marginTop={1.5}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.children}
    </Box>
  );
}

function Line(props: { children: React.ReactNode }) {
  return <Typography variant="body2">{props.children}</Typography>;
}

/** Everything known about one workload: the entity tab's body, one per workload. */
export function WorkloadDetails(props: { workload: WorkloadHealth }) {
  const w = props.workload;
  return (
    <Box marginBottom={3} data-testid={`details-${w.name}`}>
      <Typography variant="h6">
        {w.name} <VerdictStatus verdict={w.verdict} />
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {w.kind}
        {w.namespace ? ` in ${w.namespace}` : ''}
        {w.cluster ? ` on ${w.cluster}` : ''}
      </Typography>
      <Section title="Why">
        {w.reasons.map(r => (
          <Line key={r}>{r}</Line>
        ))}
        {w.notes.map(n => (
          <Typography key={n} variant="body2" color="textSecondary">
            {n}
          </Typography>
        ))}
      </Section>
      <Section title="Replicas and rollout">
        <Line>{formatReplicaDetail(w.replicas)}</Line>
        <Line>Rollout: {w.rollout.message}</Line>
        <Line>
          Image: {w.image?.reference ?? 'unknown'} (tag {w.image?.tag ?? '—'})
        </Line>
        <Line>Strategy: {formatStrategy(w.strategy)}</Line>
        {w.strategy.type === 'blue-green' &&
          w.strategy.colors.map(c => (
            <Line key={c.color}>
              {c.color}
              {c.color ===
              (w.strategy.type === 'blue-green' && w.strategy.activeColor)
                ? ' (serving)'
                : ''}
              : {c.replicas.ready}/{c.replicas.desired} ready, image{' '}
              {c.imageTag ?? '—'}
            </Line>
          ))}
      </Section>
      {w.hpa && (
        <Section title="Autoscaling">
          <Line>
            HPA {w.hpa.name}: {formatHpa(w.hpa)}
            {w.hpa.saturated ? ' · at maximum' : ''}
          </Line>
          {w.hpa.conditions.map(c => (
            <Line key={c.type}>
              {c.type}={c.status}
              {c.reason ? ` (${c.reason})` : ''}
              {c.message ? `: ${c.message}` : ''}
            </Line>
          ))}
        </Section>
      )}
      <Section title="Pods">
        <Line>
          {w.podCounts.ready} of {w.podCounts.total} ready
          {w.pods.length === 0
            ? ', none restarted'
            : `; ${w.pods.length} need a look (${w.podCounts.restarts} restarts among them):`}
        </Line>
        {w.pods.map(p => (
          <Line key={p.name}>
            {p.name}: {p.phase}, {p.ready ? 'ready' : 'not ready'}, {p.restarts}{' '}
            restarts
            {p.imageTag ? `, ${p.imageTag}` : ''}
            {p.problems
              .map(problem => ` — ${problem.type}: ${problem.message}`)
              .join('')}
          </Line>
        ))}
      </Section>
      {w.persistentVolumeClaims.length > 0 && (
        <Section title="Volumes">
          {w.persistentVolumeClaims.map(c => (
            <Line key={c.name}>
              {c.name}: {c.phase}
              {c.capacity ? `, ${c.capacity}` : ''}
              {c.storageClass ? `, class ${c.storageClass}` : ''}
              {c.problem ? ` — ${c.problem}` : ''}
            </Line>
          ))}
        </Section>
      )}
      {w.probes.length > 0 && (
        <Section title="Live checks">
          <LiveChecks probes={w.probes} />
        </Section>
      )}
      {w.warningEvents.length > 0 && (
        <Section title="Latest warning events">
          {w.warningEvents.map(e => (
            <Line key={`${e.object}:${e.reason}`}>
              {e.lastSeen ? `${e.lastSeen} ` : ''}
              {e.object} {e.reason} (×{e.count}): {e.message}
            </Line>
          ))}
        </Section>
      )}
    </Box>
  );
}
