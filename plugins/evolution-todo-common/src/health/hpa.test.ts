import { deployment, hpa } from './__fixtures__/objects';
import { summarizeHpa } from './hpa';

describe('summarizeHpa', () => {
  const target = deployment('backend');

  it('explains an HPA that cannot read metrics (no metrics-server)', () => {
    const summary = summarizeHpa(
      hpa(target, {
        conditions: [
          { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale' },
          {
            type: 'ScalingActive',
            status: 'False',
            reason: 'FailedGetResourceMetric',
            message:
              'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
          },
        ],
      }),
    );
    expect(summary.conditions.map(c => c.type)).toEqual([
      'AbleToScale',
      'ScalingActive',
    ]);
    expect(summary.problems).toEqual([
      'HPA todo-backend cannot compute its metrics (FailedGetResourceMetric): the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    ]);
  });

  it('reports AbleToScale=False', () => {
    const summary = summarizeHpa(
      hpa(target, {
        conditions: [
          {
            type: 'AbleToScale',
            status: 'False',
            reason: 'FailedGetScale',
            message: 'deployments/scale.apps "todo-backend" not found',
          },
        ],
      }),
    );
    expect(summary.problems).toEqual([
      'HPA todo-backend cannot scale (FailedGetScale): deployments/scale.apps "todo-backend" not found',
    ]);
  });

  it('compares quantity targets (AverageValue) as quantities', () => {
    const object = hpa(target);
    object.spec!.metrics = [
      {
        type: 'Resource',
        resource: {
          name: 'memory',
          target: { type: 'AverageValue', averageValue: '400Mi' },
        },
      },
      {
        type: 'Pods',
        pods: {
          metric: { name: 'http_requests_per_second' },
          target: { type: 'AverageValue', averageValue: '50' },
        },
      },
    ];
    object.status!.currentMetrics = [
      {
        type: 'Resource',
        resource: { name: 'memory', current: { averageValue: '450887680' } },
      },
      {
        type: 'Pods',
        pods: {
          metric: { name: 'http_requests_per_second' },
          current: { averageValue: '12500m' },
        },
      },
    ];
    const summary = summarizeHpa(object);
    expect(summary.cpu).toBeUndefined();
    expect(summary.memory).toEqual({
      name: 'memory',
      current: '450887680',
      target: '400Mi',
      aboveTarget: true,
    });
    expect(summary.otherMetrics).toEqual([
      {
        name: 'http_requests_per_second',
        current: '12500m',
        target: '50',
        aboveTarget: false,
      },
    ]);
  });

  it('is saturated at max but not a problem while metrics are under target', () => {
    const summary = summarizeHpa(
      hpa(target, { current: 10, desired: 10, max: 10, cpu: [55, 70] }),
    );
    expect(summary.saturated).toBe(true);
    expect(summary.problems).toEqual([]);
  });

  it('has no current values before the first metrics arrive', () => {
    const object = hpa(target);
    delete object.status!.currentMetrics;
    expect(summarizeHpa(object).cpu).toEqual({
      name: 'cpu',
      current: undefined,
      target: '70%',
      aboveTarget: undefined,
    });
  });
});
