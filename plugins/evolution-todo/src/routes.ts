import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** The entity tab's route (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'evolution-todo' });

/**
 * The upgrade template's page in the scaffolder, for the card's "Upgrade"
 * link; bound to the scaffolder's template page unless an app binds it elsewhere.
 */
export const upgradeTemplateRouteRef = createExternalRouteRef({
  id: 'evolution-todo-upgrade-template',
  params: ['namespace', 'templateName'],
  optional: true,
  defaultTarget: 'scaffolder.selectedTemplate',
});
