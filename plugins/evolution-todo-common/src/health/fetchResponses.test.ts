import { healthyRelease } from './__fixtures__/objects';
import { snapshotFromFetchResponses } from './fetchResponses';

describe('snapshotFromFetchResponses', () => {
  it('maps the Kubernetes backend resource types to the snapshot', () => {
    const release = healthyRelease();
    const snapshot = snapshotFromFetchResponses('local', [
      { type: 'pods', resources: release.pods },
      { type: 'deployments', resources: release.deployments },
      { type: 'statefulsets', resources: release.statefulSets },
      {
        type: 'horizontalpodautoscalers',
        resources: release.horizontalPodAutoscalers,
      },
      { type: 'configmaps', resources: [{ metadata: { name: 'ignored' } }] },
    ]);
    expect(snapshot.cluster).toBe('local');
    expect(snapshot.pods).toHaveLength(release.pods!.length);
    expect(snapshot.deployments).toHaveLength(4);
    expect(snapshot.statefulSets).toHaveLength(1);
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
