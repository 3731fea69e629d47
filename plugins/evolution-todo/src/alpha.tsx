/**
 * The evolution-todo plugin for the new frontend system: an entity card and an
 * entity tab, shown only on our Components, Resources and System, and the
 * upgrade template's RecordedParameters form field.
 *
 * @packageDocumentation
 */
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { RECORDED_PARAMETERS_FIELD } from '@evolution-todo/plugin-evolution-todo-common';
import { isEvolutionTodoAvailable } from './isEvolutionTodoAvailable';
import { upgradeTemplateRouteRef } from './routes';

/** The overview card, on the entity's overview page. */
export const evolutionTodoEntityCard = EntityCardBlueprint.make({
  name: 'health',
  params: {
    type: 'content',
    filter: isEvolutionTodoAvailable,
    loader: () =>
      import('./components/EvolutionTodoCard').then(m => (
        <m.EvolutionTodoCard />
      )),
  },
});

/** The tab with every workload in detail, in the same group as the Kubernetes tab. */
export const evolutionTodoEntityContent = EntityContentBlueprint.make({
  name: 'health',
  params: {
    path: '/health',
    title: 'Health',
    group: 'deployment',
    filter: isEvolutionTodoAvailable,
    loader: () =>
      import('./components/EvolutionTodoContent').then(m => (
        <m.EvolutionTodoContent />
      )),
  },
});

/**
 * The upgrade template's parameters field (ui:field RecordedParameters): the
 * picked System's recorded parameters, prefilled for editing.
 */
export const recordedParametersFormField = FormFieldBlueprint.make({
  name: 'recorded-parameters',
  params: {
    field: () =>
      import('./components/RecordedParametersField').then(m =>
        createFormField({
          name: RECORDED_PARAMETERS_FIELD,
          component: m.RecordedParametersField,
        }),
      ),
  },
});

export default createFrontendPlugin({
  pluginId: 'evolution-todo',
  title: 'Evolution Todo',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    evolutionTodoEntityCard,
    evolutionTodoEntityContent,
    recordedParametersFormField,
  ],
  externalRoutes: convertLegacyRouteRefs({
    upgradeTemplate: upgradeTemplateRouteRef,
  }),
});
