import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The event bus's long poll in the events plugin's router
 * (@backstage/plugin-events-backend): with nothing to deliver it answers 202,
 * flushes the headers and holds the response until an event arrives or its
 * notify timeout (55 s by default) passes.
 */
const LONG_POLL_PATH = /^\/bus\/v1\/subscriptions\/[^/?]+\/events(\?|$)/;

/** How often the shutdown looks again for a poll whose answer has not started yet. */
const UNANSWERED_RECHECK_MS = 10;

/**
 * Ends the event bus's held long polls when the backend stops, so stopping
 * takes as long as the work in flight rather than the bus's notify timeout.
 *
 * Why this is needed: outside NODE_ENV=development the root HTTP server stops
 * gracefully (closes idle connections, then waits for every open request),
 * and nothing ties a held long poll to shutdown: the bus waits for its
 * timeout, and the subscribers (the catalog's and scaffolder's events
 * service) do not abort their poll. Every SIGTERM then waited ~55 s.
 *
 * The hook runs on the root lifecycle, whose shutdown comes after every
 * plugin's: by then each plugin's events service has stopped polling, and the
 * plugins' routers refuse new requests, so an ended poll is not renewed.
 * Ending it is what the bus's own timeout does; a subscriber cannot tell
 * the two apart.
 */
export const eventsModuleEndLongPollsOnShutdown = createBackendModule({
  pluginId: 'events',
  moduleId: 'end-long-polls-on-shutdown',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        rootLifecycle: coreServices.rootLifecycle,
      },
      async init({ httpRouter, rootLifecycle }) {
        const polls = new Set<ServerResponse>();

        // Modules initialise before their plugin, so this runs ahead of the bus's routes.
        httpRouter.use(
          (req: IncomingMessage, res: ServerResponse, next: () => void) => {
            if (req.method === 'GET' && LONG_POLL_PATH.test(req.url ?? '')) {
              polls.add(res);
              res.once('close', () => polls.delete(res));
            }
            next();
          },
        );

        rootLifecycle.addShutdownHook(async () => {
          // A poll still reading its subscription answers within that read: with
          // events (and is done) or with a held 202, which is ended once it starts.
          while (polls.size > 0) {
            for (const res of polls) {
              if (res.headersSent) endPoll(res);
            }
            if (polls.size > 0) {
              await new Promise(resolve =>
                setTimeout(resolve, UNANSWERED_RECHECK_MS),
              );
            }
          }
        });
      },
    });
  },
});

function endPoll(res: ServerResponse) {
  if (res.writableEnded) return;
  const socket = res.socket;
  // The connection goes with the response: the server's graceful stop closed idle
  // connections only once, at its start, and would otherwise wait for the
  // subscriber to drop this one when its keep-alive runs out.
  res.end(() => socket?.destroy());
}
