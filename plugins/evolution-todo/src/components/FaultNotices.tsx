import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import type { Fault } from '../health/types';

/** What could not be seen, and why: one alert per fault. */
export function FaultNotices(props: { faults: Fault[] }) {
  if (props.faults.length === 0) return null;
  return (
    <Box display="flex" flexDirection="column" gridGap={8} marginBottom={2}>
      {props.faults.map(fault => (
        <Alert
          key={`${fault.severity}:${fault.message}`}
          severity={fault.severity}
        >
          {fault.message}
        </Alert>
      ))}
    </Box>
  );
}
