import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { rootRouteRef, upgradeTemplateRouteRef } from './routes';

/** The evolution-todo plugin for apps on the legacy frontend system. */
export const evolutionTodoPlugin = createPlugin({
  id: 'evolution-todo',
  routes: { root: rootRouteRef },
  externalRoutes: { upgradeTemplate: upgradeTemplateRouteRef },
});

/** The overview card: put it on the entity page of our Components, Resources and System. */
export const EntityEvolutionTodoCard = evolutionTodoPlugin.provide(
  createComponentExtension({
    name: 'EntityEvolutionTodoCard',
    component: {
      lazy: () =>
        import('./components/EvolutionTodoCard').then(m => m.EvolutionTodoCard),
    },
  }),
);

/** The entity tab with every workload in detail. */
export const EntityEvolutionTodoContent = evolutionTodoPlugin.provide(
  createRoutableExtension({
    name: 'EntityEvolutionTodoContent',
    component: () =>
      import('./components/EvolutionTodoContent').then(
        m => m.EvolutionTodoContent,
      ),
    mountPoint: rootRouteRef,
  }),
);
