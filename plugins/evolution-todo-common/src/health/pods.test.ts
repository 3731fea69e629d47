/**
 * summarizePod on the ready backend pod of __fixtures__/states/pod-running-ready.yaml,
 * changed the way the kubelet would change it.
 */
import { stateObject } from './__fixtures__/stateObject';
import type { ContainerStatus, KubeEvent, Pod } from './kubernetes';
import { summarizePod } from './pods';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const NAME = 'todo-backend-5d8f7c9b6d-q9m4t';
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

function pod(
  change: (pod: Pod, container: ContainerStatus) => void = () => {},
) {
  const p = stateObject<Pod>('pod-running-ready.yaml', 'Pod');
  change(p, p.status!.containerStatuses![0]);
  return p;
}

function notReady(p: Pod, container: ContainerStatus) {
  container.ready = false;
  container.started = false;
  for (const c of p.status!.conditions!) {
    if (c.type === 'Ready' || c.type === 'ContainersReady') {
      c.status = 'False';
      c.reason = 'ContainersNotReady';
      c.message = 'containers with unready status: [backend]';
    }
  }
}

function unhealthyEvent(message: string): KubeEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${NAME}.187b3c5d2e9f1a04`, namespace: 'todo' },
    involvedObject: { kind: 'Pod', name: NAME, namespace: 'todo' },
    type: 'Warning',
    reason: 'Unhealthy',
    message,
    count: 3,
    firstTimestamp: ago(40),
    lastTimestamp: ago(5),
  };
}

describe('summarizePod', () => {
  it('is quiet about a ready pod', () => {
    expect(summarizePod(pod(), [], NOW)).toEqual({
      name: NAME,
      phase: 'Running',
      ready: true,
      restarts: 0,
      color: undefined,
      imageTag: '0.1.0',
      problems: [],
    });
  });

  it('reports a missing Secret (CreateContainerConfigError)', () => {
    const p = pod((changed, c) => {
      notReady(changed, c);
      changed.status!.phase = 'Pending';
      c.state = {
        waiting: {
          reason: 'CreateContainerConfigError',
          message: 'secret "todo-postgres-auth" not found',
        },
      };
    });
    expect(summarizePod(p, [], NOW).problems).toEqual([
      {
        pod: NAME,
        container: 'backend',
        type: 'CreateContainerConfigError',
        message:
          'container backend cannot start (CreateContainerConfigError): secret "todo-postgres-auth" not found',
      },
    ]);
  });

  it('reports a recent restart caused by OOMKilled, and forgets old restarts', () => {
    const recent = pod((_, c) => {
      c.restartCount = 2;
      c.lastState = {
        terminated: {
          reason: 'OOMKilled',
          exitCode: 137,
          finishedAt: ago(120),
        },
      };
    });
    expect(summarizePod(recent, [], NOW).problems).toEqual([
      expect.objectContaining({
        type: 'OOMKilled',
        message:
          'container backend was OOMKilled (memory limit 512Mi) 2m ago; 2 restarts in total',
      }),
    ]);
    const old = pod((_, c) => {
      c.restartCount = 2;
      c.lastState = {
        terminated: { reason: 'Error', exitCode: 1, finishedAt: ago(3600) },
      };
    });
    expect(summarizePod(old, [], NOW)).toMatchObject({
      restarts: 2,
      problems: [],
    });
  });

  it('reports an evicted pod', () => {
    const p = pod((changed, c) => {
      notReady(changed, c);
      changed.status!.phase = 'Failed';
      changed.status!.reason = 'Evicted';
      changed.status!.message = 'The node was low on resource: memory.';
    });
    expect(summarizePod(p, [], NOW).problems[0]).toMatchObject({
      type: 'Evicted',
      message: 'pod was evicted: The node was low on resource: memory.',
    });
  });

  it('gives a new pod time to become ready, unless its probe already failed', () => {
    const starting = pod((changed, c) => {
      notReady(changed, c);
      changed.metadata!.creationTimestamp = ago(30);
      changed.status!.startTime = ago(30);
    });
    expect(summarizePod(starting, [], NOW).problems).toEqual([]);
    const failing = unhealthyEvent(
      'Readiness probe failed: Get "http://10.244.1.7:8000/readiness": dial tcp 10.244.1.7:8000: connect: connection refused',
    );
    expect(summarizePod(starting, [failing], NOW).problems[0].message).toBe(
      'pod is not ready: Readiness probe failed: Get "http://10.244.1.7:8000/readiness": dial tcp 10.244.1.7:8000: connect: connection refused',
    );
    const stuck = pod((changed, c) => {
      notReady(changed, c);
      changed.status!.startTime = ago(600);
    });
    expect(summarizePod(stuck, [], NOW).problems[0].message).toBe(
      'pod is not ready (ContainersNotReady): containers with unready status: [backend]',
    );
  });

  it('ignores pods that are terminating (old pods during a rollout)', () => {
    const p = pod((changed, c) => {
      notReady(changed, c);
      c.state = { terminated: { reason: 'Error', exitCode: 143 } };
      changed.metadata!.deletionTimestamp = ago(5);
    });
    expect(summarizePod(p, [], NOW)).toMatchObject({
      phase: 'Terminating',
      problems: [],
    });
  });
});
