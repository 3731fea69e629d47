import type { KubeEvent } from './kubernetes';
import { describeAge, toMillis } from './time';
import type { EventSummary } from './types';

export const MAX_WARNING_EVENTS = 5;

function lastSeen(event: KubeEvent): number | undefined {
  return (
    toMillis(event.series?.lastObservedTime) ??
    toMillis(event.lastTimestamp) ??
    toMillis(event.eventTime) ??
    toMillis(event.firstTimestamp) ??
    toMillis(event.metadata?.creationTimestamp)
  );
}

/**
 * The latest Warning events, newest first, one per object and reason (the
 * kubelet repeats "Back-off restarting failed container" for every attempt).
 */
export function latestWarnings(
  events: KubeEvent[],
  now: number,
  limit = MAX_WARNING_EVENTS,
): EventSummary[] {
  if (events.length === 0) return [];
  const latest = new Map<string, { event: KubeEvent; time: number }>();
  for (const event of events) {
    if (event.type !== 'Warning') continue;
    const key = `${event.involvedObject?.kind}/${event.involvedObject?.name}/${event.reason}`;
    const time = lastSeen(event) ?? 0;
    const seen = latest.get(key);
    if (!seen || time > seen.time) latest.set(key, { event, time });
  }
  return [...latest.values()]
    .sort((a, b) => b.time - a.time)
    .slice(0, limit)
    .map(({ event, time }) => ({
      object: `${event.involvedObject?.kind ?? 'Object'}/${
        event.involvedObject?.name ?? '?'
      }`,
      reason: event.reason ?? 'Warning',
      message: (event.message ?? '').trim(),
      count: event.series?.count ?? event.count ?? 1,
      lastSeen: time > 0 ? describeAge(time, now) : undefined,
    }));
}

/** The newest event about one object, of any type. */
export function latestEventFor(
  events: KubeEvent[],
  kind: string,
  name: string,
): KubeEvent | undefined {
  let found: KubeEvent | undefined;
  let foundTime = -Infinity;
  for (const event of events) {
    if (
      event.involvedObject?.kind !== kind ||
      event.involvedObject?.name !== name
    ) {
      continue;
    }
    const time = lastSeen(event) ?? 0;
    if (time >= foundTime) {
      found = event;
      foundTime = time;
    }
  }
  return found;
}
