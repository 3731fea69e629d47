import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { EVOLUTION_TODO_PLUGIN_ID } from '@evolution-todo/plugin-evolution-todo-common';
import { createRouter } from './router';

/**
 * The evolution-todo backend plugin: /api/evolution-todo/recorded-parameters,
 * the recorded parameters of a System for the upgrade form. Users only (the
 * default auth policy of the HTTP router): the catalog read uses their
 * credentials.
 *
 * @public
 */
export const evolutionTodoPlugin = createBackendPlugin({
  pluginId: EVOLUTION_TODO_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
      },
      async init({ httpRouter, httpAuth, config, logger, catalog }) {
        httpRouter.use(
          await createRouter({ config, httpAuth, catalog, logger }),
        );
      },
    });
  },
});
