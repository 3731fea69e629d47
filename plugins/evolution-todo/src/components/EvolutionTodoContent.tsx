import { Content, InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  useEvolutionTodoHealth,
  type HealthOptions,
} from '../health/useEvolutionTodoHealth';
import { HealthOverview } from './HealthOverview';
import { WorkloadDetails } from './WorkloadDetails';

/** The entity tab: the overview, then every workload in detail. */
export function EvolutionTodoContent(props: HealthOptions) {
  const { entity } = useEntity();
  const state = useEvolutionTodoHealth(entity, props);
  return (
    <Content>
      <Box marginBottom={3}>
        <InfoCard title="Health on Kubernetes">
          <HealthOverview state={state} layout="table" />
        </InfoCard>
      </Box>
      {state.health && state.health.workloads.length > 0 && (
        <InfoCard title="Workloads in detail">
          {state.health.workloads.map(w => (
            <WorkloadDetails key={`${w.cluster}/${w.key}`} workload={w} />
          ))}
        </InfoCard>
      )}
    </Content>
  );
}
