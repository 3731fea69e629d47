import appBackend from '@backstage/plugin-app-backend';
import authBackend from '@backstage/plugin-auth-backend';
import authGithubProvider from '@backstage/plugin-auth-backend-module-github-provider';
import authGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import authOidcProvider from '@backstage/plugin-auth-backend-module-oidc-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogLogs from '@backstage/plugin-catalog-backend-module-logs';
import catalogScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import eventsBackend from '@backstage/plugin-events-backend';
import evolutionTodoBackend from '@evolution-todo/plugin-evolution-todo-backend';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderGithub from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderEvolutionTodo from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import { catalogModuleFileLocations } from './modules/catalogFileLocations';
import { eventsModuleEndLongPollsOnShutdown } from './modules/eventBusLongPolls';
import { permissionModuleEvolutionTodoPolicy } from './modules/permissionPolicy';

/**
 * The features of the local portal's backend, in one list so that the real
 * backend (index.ts) and its integration test (backend.test.ts) start exactly the same thing.
 * Static imports rather than `import()`: Jest's module system cannot load dynamic imports.
 */
export const backendFeatures = [
  appBackend,

  authBackend,
  // Each provider runs where auth.providers configures it: guest in app-config.yaml (local use),
  // GitHub and OIDC in app-config.production.yaml.
  authGuestProvider,
  authGithubProvider,
  authOidcProvider,

  // The event bus: catalog and scaffolder exchange events through it, across replicas too
  // (on PostgreSQL the bus keeps its events in the database).
  eventsBackend,
  // Stopping does not wait for the bus's held long polls (their timeout is 55 s).
  eventsModuleEndLongPollsOnShutdown,

  catalogBackend,
  // Lets the catalog read Template entities.
  catalogScaffolderEntityModel,
  catalogLogs,
  // The template's local destination registers repositories on this disk.
  catalogModuleFileLocations,

  permissionBackend,
  // Everything is allowed except deploying and the Kubernetes proxy, which need the owning group.
  permissionModuleEvolutionTodoPolicy,

  scaffolderBackend,
  scaffolderGithub,
  // Our actions: render, validate and deploy the evolution-todo stack.
  scaffolderEvolutionTodo,
  // /api/evolution-todo: a System's recorded parameters for the upgrade form, read with the user's
  // credentials (catalog permissions apply).
  evolutionTodoBackend,

  kubernetesBackend,
];
