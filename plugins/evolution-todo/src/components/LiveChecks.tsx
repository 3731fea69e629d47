import Typography from '@material-ui/core/Typography';
import type { ProbeResult } from '@evolution-todo/plugin-evolution-todo-common';

const MARK: Record<ProbeResult['outcome'], string> = {
  pass: '✓',
  fail: '✗',
  unavailable: '?',
};

/** The live /health and /readiness answers, one line each. */
export function LiveChecks(props: { probes: ProbeResult[] }) {
  if (props.probes.length === 0) return null;
  return (
    <>
      {props.probes.map(p => (
        <Typography
          key={`${p.cluster}:${p.path}`}
          variant="body2"
          data-testid={`live-check-${p.component}-${p.probe}`}
        >
          {MARK[p.outcome]} live {p.path}: {p.message}
        </Typography>
      ))}
    </>
  );
}
