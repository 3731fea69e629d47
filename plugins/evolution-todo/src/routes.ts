import { createRouteRef } from '@backstage/core-plugin-api';

/** The entity tab's route (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'evolution-todo' });
