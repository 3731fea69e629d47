import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createEvolutionTodoActions } from './actions';

/**
 * Registers the evolution-todo scaffolder actions. Wiring only: the actions
 * live in src/actions, one per file.
 *
 * @public
 */
export const scaffolderModuleEvolutionTodo = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'evolution-todo',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, catalog }) {
        scaffolder.addActions(
          ...createEvolutionTodoActions({ config, catalog }),
        );
      },
    });
  },
});
