import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import eventsBackend from '@backstage/plugin-events-backend';
import {
  eventsServiceFactory,
  eventsServiceRef,
  type EventParams,
} from '@backstage/plugin-events-node';
import fs from 'node:fs';
import { parse } from 'yaml';
import { eventsModuleEndLongPollsOnShutdown } from './modules/eventBusLongPolls';
import { APP_CONFIG_FILE } from './testUtils/paths';
import { eventually } from './testUtils/polling';

// A plugin that subscribes to the event bus before the events plugin has mounted its routes.
// Until the events plugin's HTTP router exists, the root router answers /api/events/* with 404
// (DefaultRootHttpRouter passes unknown /api/ paths on to the not-found handler). Plugins start
// in parallel, so in the portal this happens when the catalog's modules subscribe ahead of the
// events plugin: seen once on a busy CI machine in the two-replica test. Here the events plugin's
// logger, which its HTTP router needs, is created late, so the window is there every run.
//
// Real parts: the events backend (its bus, on an in-memory database) and the events service the
// portal uses (@backstage/plugin-events-node's DefaultEventsService, with the portal's
// app-config.yaml settings). The other replica is modelled by what it does on the wire: it
// POSTs an event to the bus with a service token.

const TOPIC = 'evolution-todo.bus-startup';
/** How late the events plugin mounts /api/events; the subscriber's first poll comes well before. */
const MOUNT_DELAY_MS = 1_500;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Every log line of every plugin, as `plugin: message`. */
function recordingLoggers(lines: string[]) {
  const logger = (prefix: string): LoggerService => ({
    error: message => void lines.push(`${prefix}: ${message}`),
    warn: message => void lines.push(`${prefix}: ${message}`),
    info: message => void lines.push(`${prefix}: ${message}`),
    debug: message => void lines.push(`${prefix}: ${message}`),
    child: () => logger(prefix),
  });
  return createServiceFactory({
    service: coreServices.logger,
    deps: { plugin: coreServices.pluginMetadata },
    async factory({ plugin }) {
      // The events plugin's HTTP router depends on its logger: a late logger is a late mount.
      if (plugin.getId() === 'events') await sleep(MOUNT_DELAY_MS);
      return logger(plugin.getId());
    },
  });
}

async function startWithEarlySubscriber(events: object) {
  const lines: string[] = [];
  const received: EventParams[] = [];
  const subscriber = createBackendPlugin({
    pluginId: 'early-subscriber',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events: service }) {
          await service.subscribe({
            id: 'test',
            topics: [TOPIC],
            onEvent: async event => void received.push(event),
          });
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data: { events } }),
      eventsServiceFactory,
      recordingLoggers(lines),
      eventsBackend,
      // As in the portal: stopping does not wait for the bus's held long poll.
      eventsModuleEndLongPollsOnShutdown,
      subscriber,
    ],
  });
  /** What another replica does to publish: POST the event to the bus with its service token. */
  const publishFromAnotherReplica = async (payload: object) => {
    const res = await fetch(
      `http://localhost:${backend.server.port()}/api/events/bus/v1/events`,
      {
        method: 'POST',
        headers: {
          authorization: mockCredentials.service.header(),
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          event: { topic: TOPIC, payload },
          notifiedSubscribers: [],
        }),
      },
    );
    if (!res.ok) throw new Error(`publish: ${res.status} ${await res.text()}`);
  };
  return { backend, lines, received, publishFromAnotherReplica };
}

describe('a subscriber that starts before the events backend has mounted its routes', () => {
  it("keeps using the bus with app-config.yaml's events settings, and receives another replica's event", async () => {
    const { events } = parse(fs.readFileSync(APP_CONFIG_FILE, 'utf8'));
    const run = await startWithEarlySubscriber(events);
    try {
      // The race happened: the first subscribe met the 404 and was retried.
      expect(
        run.lines.some(line =>
          /^early-subscriber: Poll failed for subscription "early-subscriber.test"/.test(
            line,
          ),
        ),
      ).toBe(true);
      // Published only once the subscription exists on the bus (the bus delivers to existing
      // subscriptions), as a replica publishing later would.
      await eventually(
        async () =>
          run.lines.some(line =>
            line.startsWith("events: New subscription 'early-subscriber.test'"),
          ) || undefined,
        'the subscription on the bus',
      );
      await run.publishFromAnotherReplica({ from: 'replica-b' });
      const [event] = await eventually(
        async () => (run.received.length ? run.received : undefined),
        "replica-b's event at the early subscriber",
      );
      expect(event).toEqual({
        topic: TOPIC,
        eventPayload: { from: 'replica-b' },
      });
      expect(run.lines.join('\n')).not.toMatch(/events backend not found/i);
    } finally {
      await run.backend.stop();
    }
  }, 60_000);

  it("gives up on the bus for good under the default 'auto': the case app-config.yaml's setting is for", async () => {
    const run = await startWithEarlySubscriber({ useEventBus: 'auto' });
    try {
      expect(run.lines).toContain(
        'early-subscriber: Event subscribe request failed with status 404, events backend not found. Will only receive events that were sent locally on this process.',
      );
    } finally {
      await run.backend.stop();
    }
  }, 60_000);
});
