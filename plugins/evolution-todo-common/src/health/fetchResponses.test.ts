import { stateObject } from './__fixtures__/stateObject';
import { snapshotFromFetchResponses } from './fetchResponses';

/** What the Kubernetes backend sends per resource type: lists of objects. */
function release() {
  const file = 'pvc-bound.yaml';
  return {
    pods: [stateObject('pod-running-ready.yaml', 'Pod')],
    deployments: [stateObject('pod-running-ready.yaml', 'Deployment')],
    statefulSets: [stateObject(file, 'StatefulSet')],
    horizontalPodAutoscalers: [
      stateObject('hpa-scaling.yaml', 'HorizontalPodAutoscaler'),
    ],
  };
}

describe('snapshotFromFetchResponses', () => {
  it('maps the Kubernetes backend resource types to the snapshot', () => {
    const objects = release();
    const snapshot = snapshotFromFetchResponses('local', [
      { type: 'pods', resources: objects.pods },
      { type: 'deployments', resources: objects.deployments },
      { type: 'statefulsets', resources: objects.statefulSets },
      {
        type: 'horizontalpodautoscalers',
        resources: objects.horizontalPodAutoscalers,
      },
      { type: 'configmaps', resources: [{ metadata: { name: 'ignored' } }] },
    ]);
    expect(snapshot.cluster).toBe('local');
    expect(snapshot.pods).toEqual(objects.pods);
    expect(snapshot.deployments).toEqual(objects.deployments);
    expect(snapshot.statefulSets).toEqual(objects.statefulSets);
    expect(snapshot.horizontalPodAutoscalers).toEqual(
      objects.horizontalPodAutoscalers,
    );
    expect(snapshot.unreadable).toBeUndefined();
  });

  it('survives malformed bodies and turns errors into words', () => {
    const snapshot = snapshotFromFetchResponses(
      'local',
      [
        { type: 'pods', resources: 'oops' },
        {
          type: 'deployments',
          resources: [null, 7, 'x', { metadata: { name: 'ok' } }],
        },
        null,
      ],
      [
        {
          errorType: 'UNAUTHORIZED_ERROR',
          statusCode: 401,
          resourcePath: '/api/v1/pods',
        },
        {
          errorType: 'UNKNOWN_ERROR',
          statusCode: 403,
          resourcePath: '/apis/autoscaling/v2/horizontalpodautoscalers',
        },
        {
          errorType: 'FETCH_ERROR',
          message: 'connect ECONNREFUSED 10.0.0.1:6443',
        },
      ],
    );
    expect(snapshot.deployments).toEqual([{ metadata: { name: 'ok' } }]);
    expect(snapshot.unreadable).toEqual([
      'pods were malformed',
      'pods could not be read (401 Unauthorized)',
      'horizontalpodautoscalers could not be read (403 Forbidden)',
      'the cluster could not be reached: connect ECONNREFUSED 10.0.0.1:6443',
    ]);
    expect(
      snapshotFromFetchResponses('x', { not: 'a list' }).unreadable,
    ).toEqual(['the objects list was malformed']);
  });
});
