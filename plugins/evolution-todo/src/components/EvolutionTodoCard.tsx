import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  useEvolutionTodoHealth,
  type HealthOptions,
} from '../health/useEvolutionTodoHealth';
import { HealthOverview } from './HealthOverview';

/** The overview card: one verdict for the entity and one per workload. */
export function EvolutionTodoCard(props: HealthOptions) {
  const { entity } = useEntity();
  const state = useEvolutionTodoHealth(entity, props);
  return (
    <InfoCard
      title="Health on Kubernetes"
      subheader="Deployments, autoscaling and live checks of what runs"
    >
      <HealthOverview state={state} layout="list" />
    </InfoCard>
  );
}
