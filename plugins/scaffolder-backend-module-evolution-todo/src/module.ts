import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
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
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(...createEvolutionTodoActions({ config }));
      },
    });
  },
});
