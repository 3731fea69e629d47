/**
 * One cluster-shaped YAML file per object state (__fixtures__/states), each
 * saying in its header the verdict, rollout state and reasons it must produce:
 *
 *   # verdict: Degraded
 *   # rollout: paused            (optional)
 *   # reason: <a reason, word for word from its start>   (one or more)
 *   # note: <a note, word for word from its start>       (optional)
 *
 * The body is what `kubectl get -o yaml` prints: one object, or a `List` when
 * the state needs several (a Deployment and its failing pod, an HPA and its target).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KubeObject } from './kubernetes';
import { evaluateClusters } from './system';
import type { ClusterSnapshot, RolloutState, Verdict } from './types';

/** The instant the fixtures were "taken": their timestamps are relative to it. */
const NOW = Date.parse('2026-11-27T12:00:00Z');
const DIR = path.join(__dirname, '__fixtures__', 'states');

interface Expectation {
  verdict: Verdict;
  rollout?: RolloutState;
  reasons: string[];
  notes: string[];
}

function readHeader(file: string): Expectation {
  const header = readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => line.startsWith('#'));
  const values = (key: string) =>
    header
      .map(line => new RegExp(`^# ${key}: (.*)$`).exec(line)?.[1])
      .filter((v): v is string => v !== undefined);
  const [verdict] = values('verdict');
  if (!verdict) throw new Error(`${file}: no "# verdict:" line`);
  return {
    verdict: verdict as Verdict,
    rollout: values('rollout')[0] as RolloutState | undefined,
    reasons: values('reason'),
    notes: values('note'),
  };
}

const LISTS: Record<string, keyof ClusterSnapshot> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulSets',
  ReplicaSet: 'replicaSets',
  Pod: 'pods',
  HorizontalPodAutoscaler: 'horizontalPodAutoscalers',
  PersistentVolumeClaim: 'persistentVolumeClaims',
  Service: 'services',
  Event: 'events',
};

function toSnapshot(file: string): ClusterSnapshot {
  // Jest's YAML transform (Backstage's config) parses the file.
  const parsed = require(file) as KubeObject & { items?: KubeObject[] };
  const objects = parsed.kind === 'List' ? parsed.items ?? [] : [parsed];
  const snapshot: Record<string, KubeObject[]> = {};
  for (const object of objects) {
    const list = LISTS[object.kind ?? ''];
    if (!list) throw new Error(`${file}: no list for kind ${object.kind}`);
    (snapshot[list] ??= []).push(object);
  }
  return { cluster: 'fixtures', ...snapshot };
}

const files = readdirSync(DIR)
  .filter(name => name.endsWith('.yaml'))
  .sort();

describe('health verdict per object state (__fixtures__/states)', () => {
  it('has fixtures', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)('%s', name => {
    const file = path.join(DIR, name);
    const expected = readHeader(file);
    const health = evaluateClusters([toSnapshot(file)], [], { now: NOW });
    expect(health.workloads).toHaveLength(1);
    const [workload] = health.workloads;
    expect({
      verdict: workload.verdict,
      rollout: expected.rollout && workload.rollout.state,
    }).toEqual({ verdict: expected.verdict, rollout: expected.rollout });
    const startingWith = (texts: string[], start: string) =>
      texts.find(text => text.startsWith(start)) ?? texts;
    for (const reason of expected.reasons) {
      expect(startingWith(workload.reasons, reason)).toEqual(
        expect.stringContaining(reason),
      );
    }
    for (const note of expected.notes) {
      expect(startingWith(workload.notes, note)).toEqual(
        expect.stringContaining(note),
      );
    }
    // The verdict's words never call a paused or deleting workload complete.
    const neverComplete =
      expected.rollout === 'paused' || expected.rollout === 'deleting';
    expect(neverComplete && /complete/.test(workload.reasons.join('\n'))).toBe(
      false,
    );
  });
});
