import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  useEvolutionTodoHealth,
  type HealthOptions,
} from '../health/useEvolutionTodoHealth';
import { HealthOverview } from './HealthOverview';
import { TemplateVersionNotice } from './TemplateVersionNotice';

/**
 * The overview card: one verdict for the entity and one per workload, and the
 * template version the stack was made with.
 */
export function EvolutionTodoCard(props: HealthOptions) {
  const { entity } = useEntity();
  const state = useEvolutionTodoHealth(entity, props);
  return (
    <InfoCard
      title="Health on Kubernetes"
      subheader="Deployments, autoscaling and live checks of what runs"
    >
      <HealthOverview state={state} layout="list" />
      <TemplateVersionNotice />
    </InfoCard>
  );
}
