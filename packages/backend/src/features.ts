/**
 * The features of the local portal's backend, in one list so that the real
 * backend (index.ts) and its integration test start exactly the same thing.
 */
export const backendFeatures = [
  import('@backstage/plugin-app-backend'),

  import('@backstage/plugin-auth-backend'),
  // Guest sign-in for local use; app-config.production.yaml shows a real provider.
  import('@backstage/plugin-auth-backend-module-guest-provider'),

  import('@backstage/plugin-catalog-backend'),
  // Lets the catalog read Template entities.
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  import('@backstage/plugin-catalog-backend-module-logs'),

  import('@backstage/plugin-permission-backend'),
  // Local use only: every request is allowed. Replace with a real policy in production.
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),

  import('@backstage/plugin-scaffolder-backend'),
  import('@backstage/plugin-scaffolder-backend-module-github'),
  // Our actions: render, validate and deploy the evolution-todo stack.
  import('@evolution-todo/plugin-scaffolder-backend-module-evolution-todo'),

  import('@backstage/plugin-kubernetes-backend'),
];
