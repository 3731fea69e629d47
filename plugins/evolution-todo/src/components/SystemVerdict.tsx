import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { SystemHealth } from '@evolution-todo/plugin-evolution-todo-common';
import { VerdictStatus } from './VerdictStatus';

/** The one answer for the entity, with the reasons that decide it. */
export function SystemVerdict(props: {
  health: SystemHealth;
  label: string;
  maxReasons?: number;
}) {
  const { health, label, maxReasons = 5 } = props;
  const shown = health.reasons.slice(0, maxReasons);
  const hidden = health.reasons.length - shown.length;
  return (
    <Box marginBottom={2} data-testid="system-verdict">
      <Box display="flex" alignItems="center" gridGap={12}>
        <Typography variant="h6" component="div">
          {label}:{' '}
        </Typography>
        <VerdictStatus verdict={health.verdict} />
      </Box>
      <ul style={{ margin: 0 }}>
        {shown.map(reason => (
          <li key={reason}>
            <Typography variant="body2">{reason}</Typography>
          </li>
        ))}
        {hidden > 0 && (
          <li>
            <Typography variant="body2">and {hidden} more</Typography>
          </li>
        )}
      </ul>
    </Box>
  );
}
