/** summarizeHpa on the backend's HPA of __fixtures__/states/hpa-scaling.yaml, changed as the controller would. */
import { stateObject } from './__fixtures__/stateObject';
import { summarizeHpa } from './hpa';
import type { Condition, HorizontalPodAutoscaler } from './kubernetes';

function hpa(
  o: {
    conditions?: Condition[];
    current?: number;
    desired?: number;
    max?: number;
    cpu?: [number, number];
  } = {},
): HorizontalPodAutoscaler {
  const object = stateObject<HorizontalPodAutoscaler>(
    'hpa-scaling.yaml',
    'HorizontalPodAutoscaler',
  );
  const status = object.status!;
  if (o.conditions) status.conditions = o.conditions;
  if (o.current !== undefined) status.currentReplicas = o.current;
  if (o.desired !== undefined) status.desiredReplicas = o.desired;
  if (o.max !== undefined) object.spec!.maxReplicas = o.max;
  if (o.cpu) {
    status.currentMetrics![0].resource!.current!.averageUtilization = o.cpu[0];
    object.spec!.metrics![0].resource!.target!.averageUtilization = o.cpu[1];
  }
  return object;
}

describe('summarizeHpa', () => {
  it('explains an HPA that cannot read metrics (no metrics-server)', () => {
    const summary = summarizeHpa(
      hpa({
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
      hpa({
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
    const object = hpa();
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
      currentValue: 450887680,
      targetValue: 400 * 1024 * 1024,
    });
    expect(summary.otherMetrics).toEqual([
      {
        name: 'http_requests_per_second',
        current: '12500m',
        target: '50',
        aboveTarget: false,
        currentValue: 12.5,
        targetValue: 50,
      },
    ]);
  });

  it('is saturated at max but not a problem while metrics are under target', () => {
    const summary = summarizeHpa(
      hpa({ current: 10, desired: 10, max: 10, cpu: [55, 70] }),
    );
    expect(summary.saturated).toBe(true);
    expect(summary.problems).toEqual([]);
  });

  it('has no current values before the first metrics arrive', () => {
    const object = hpa();
    delete object.status!.currentMetrics;
    expect(summarizeHpa(object).cpu).toEqual({
      name: 'cpu',
      current: undefined,
      target: '70%',
      aboveTarget: undefined,
      currentValue: undefined,
      targetValue: 70,
    });
  });
});
