import {
  deployment,
  NOW,
  pod,
  replicaSet,
  event,
} from './__fixtures__/objects';
import { summarizePod } from './pods';

const rs = replicaSet(deployment('backend'), '5d8f7c9b6d', 3);

describe('summarizePod', () => {
  it('is quiet about a ready pod', () => {
    expect(summarizePod(pod(rs, 'x7k2p'), [], NOW)).toEqual({
      name: 'todo-backend-5d8f7c9b6d-x7k2p',
      phase: 'Running',
      ready: true,
      restarts: 0,
      color: undefined,
      imageTag: '0.1.0',
      problems: [],
    });
  });

  it('reports a missing Secret (CreateContainerConfigError)', () => {
    const p = pod(rs, 'q9m4t', {
      ready: false,
      phase: 'Pending',
      state: {
        waiting: {
          reason: 'CreateContainerConfigError',
          message: 'secret "todo-postgres-auth" not found',
        },
      },
    });
    expect(summarizePod(p, [], NOW).problems).toEqual([
      {
        pod: 'todo-backend-5d8f7c9b6d-q9m4t',
        container: 'backend',
        type: 'CreateContainerConfigError',
        message:
          'container backend cannot start (CreateContainerConfigError): secret "todo-postgres-auth" not found',
      },
    ]);
  });

  it('reports a recent restart caused by OOMKilled, and forgets old restarts', () => {
    const recent = pod(rs, 'b3n8w', {
      restarts: 2,
      lastState: {
        terminated: {
          reason: 'OOMKilled',
          exitCode: 137,
          finishedAt: new Date(NOW - 120_000).toISOString(),
        },
      },
    });
    expect(summarizePod(recent, [], NOW).problems).toEqual([
      expect.objectContaining({
        type: 'OOMKilled',
        message:
          'container backend was OOMKilled (memory limit 512Mi) 2m ago; 2 restarts in total',
      }),
    ]);
    const old = pod(rs, 'b3n8w', {
      restarts: 2,
      lastState: {
        terminated: {
          reason: 'Error',
          exitCode: 1,
          finishedAt: new Date(NOW - 3_600_000).toISOString(),
        },
      },
    });
    expect(summarizePod(old, [], NOW)).toMatchObject({
      restarts: 2,
      problems: [],
    });
  });

  it('reports an evicted pod', () => {
    const p = pod(rs, 'h5r1z', { phase: 'Failed', ready: false });
    p.status!.reason = 'Evicted';
    p.status!.message = 'The node was low on resource: memory.';
    expect(summarizePod(p, [], NOW).problems[0]).toMatchObject({
      type: 'Evicted',
      message: 'pod was evicted: The node was low on resource: memory.',
    });
  });

  it('gives a new pod time to become ready, unless its probe already failed', () => {
    const starting = pod(rs, 'c6v2d', { ready: false, startedSecondsAgo: 30 });
    expect(summarizePod(starting, [], NOW).problems).toEqual([]);
    const failing = event(
      'Pod',
      starting.metadata!.name!,
      'Unhealthy',
      'Readiness probe failed: Get "http://10.244.1.7:8000/readiness": dial tcp 10.244.1.7:8000: connect: connection refused',
    );
    expect(summarizePod(starting, [failing], NOW).problems[0].message).toBe(
      'pod is not ready: Readiness probe failed: Get "http://10.244.1.7:8000/readiness": dial tcp 10.244.1.7:8000: connect: connection refused',
    );
    const stuck = pod(rs, 'c6v2d', { ready: false, startedSecondsAgo: 600 });
    expect(summarizePod(stuck, [], NOW).problems[0].message).toBe(
      'pod is not ready (ContainersNotReady): containers with unready status: [backend]',
    );
  });

  it('ignores pods that are terminating (old pods during a rollout)', () => {
    const p = pod(rs, 'm8j4s', {
      ready: false,
      state: { terminated: { reason: 'Error', exitCode: 143 } },
    });
    p.metadata!.deletionTimestamp = new Date(NOW - 5000).toISOString();
    expect(summarizePod(p, [], NOW)).toMatchObject({
      phase: 'Terminating',
      problems: [],
    });
  });
});
