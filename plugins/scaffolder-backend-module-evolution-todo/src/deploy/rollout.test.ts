import { rolloutProgress } from './rollout';

describe('rolloutProgress', () => {
  const deployment = (
    status: object,
    spec: object = { replicas: 3 },
    generation = 2,
  ) => ({
    metadata: { generation },
    spec,
    status,
  });

  it('waits until the controller has seen the current generation', () => {
    expect(
      rolloutProgress(
        'Deployment',
        deployment({
          observedGeneration: 1,
          updatedReplicas: 3,
          availableReplicas: 3,
          replicas: 3,
        }),
      ),
    ).toEqual({
      done: false,
      waitingFor: [
        'observedGeneration 1/2 (controller has not seen the new spec)',
      ],
    });
  });

  it('tracks updated and available Deployment replicas and old ones still running', () => {
    expect(
      rolloutProgress(
        'Deployment',
        deployment({
          observedGeneration: 2,
          replicas: 4,
          updatedReplicas: 2,
          availableReplicas: 1,
        }),
      ),
    ).toEqual({
      done: false,
      waitingFor: [
        'updatedReplicas 2/3',
        'availableReplicas 1/3',
        '2 old replica(s) still running',
      ],
    });
    expect(
      rolloutProgress(
        'Deployment',
        deployment({
          observedGeneration: 2,
          replicas: 3,
          updatedReplicas: 3,
          availableReplicas: 3,
        }),
      ),
    ).toEqual({ done: true, waitingFor: [] });
  });

  it('defaults to one replica and fails fast on an exceeded progress deadline', () => {
    const stalled = rolloutProgress(
      'Deployment',
      deployment(
        {
          observedGeneration: 2,
          replicas: 1,
          updatedReplicas: 1,
          availableReplicas: 0,
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: 'ReplicaSet "api-5d9" has timed out progressing.',
            },
          ],
        },
        {},
      ),
    );
    expect(stalled).toEqual({
      done: false,
      waitingFor: ['availableReplicas 0/1'],
      failed:
        'exceeded its progress deadline: ReplicaSet "api-5d9" has timed out progressing.',
    });
  });

  it('tracks ready and updated StatefulSet replicas, ignoring updates under OnDelete', () => {
    const statefulSet = (updateStrategy: string) => ({
      metadata: { generation: 1 },
      spec: { replicas: 2, updateStrategy: { type: updateStrategy } },
      status: { observedGeneration: 1, readyReplicas: 2, updatedReplicas: 0 },
    });
    expect(
      rolloutProgress('StatefulSet', statefulSet('RollingUpdate')),
    ).toEqual({
      done: false,
      waitingFor: ['updatedReplicas 0/2'],
    });
    expect(rolloutProgress('StatefulSet', statefulSet('OnDelete'))).toEqual({
      done: true,
      waitingFor: [],
    });
  });
});
