import {
  LABELS,
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { createRenderContext } from '../context';
import { renderAutoscaling } from './autoscaling';

function render(parameters: DeploymentParameters) {
  const placed = renderAutoscaling(
    createRenderContext(parseDeploymentParameters(parameters)),
  );
  for (const { file, object } of placed) {
    expect(file).toBe('hpa.yaml');
    // Schema-valid autoscaling/v2 (throws with the failing field otherwise).
    new HorizontalPodAutoscaler(object as any).validate();
  }
  return Object.fromEntries(
    placed.map(({ object }) => [object.metadata.name, object as any]),
  );
}

const metrics = (hpa: any) =>
  hpa.spec.metrics.map(
    (m: any) =>
      `${m.type} ${m.resource.name} ${m.resource.target.type} ${m.resource.target.averageUtilization}`,
  );

describe('renderAutoscaling', () => {
  it('scales only the backend by default: 2-10 replicas at 70 % CPU', () => {
    const hpas = render({ name: 'todo' });
    expect(Object.keys(hpas)).toEqual(['todo-backend']);
    const backend = hpas['todo-backend'];
    expect(backend.apiVersion).toBe('autoscaling/v2');
    expect(backend.metadata.namespace).toBe('todo');
    expect(backend.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'todo-backend',
    });
    expect(backend.spec.minReplicas).toBe(2);
    expect(backend.spec.maxReplicas).toBe(10);
    expect(metrics(backend)).toEqual(['Resource cpu Utilization 70']);
  });

  it('is labelled so the Backstage Kubernetes plugin lists it under its component', () => {
    const { 'todo-backend': backend } = render({ name: 'todo' });
    expect(backend.metadata.labels).toMatchObject({
      [LABELS.kubernetesId]: 'todo',
      [LABELS.instance]: 'todo',
      [LABELS.component]: 'backend',
    });
  });

  it('adds a memory target only when one is given', () => {
    const hpas = render({
      name: 'todo',
      backend: {
        autoscaling: {
          targetCPUUtilizationPercentage: 60,
          targetMemoryUtilizationPercentage: 80,
        },
      },
    });
    expect(metrics(hpas['todo-backend'])).toEqual([
      'Resource cpu Utilization 60',
      'Resource memory Utilization 80',
    ]);
  });

  it('scales every app service that enables autoscaling, with its own bounds', () => {
    const hpas = render({
      name: 'todo',
      frontend: {
        autoscaling: { enabled: true, minReplicas: 4, maxReplicas: 12 },
      },
      mcp: { autoscaling: { enabled: true } },
    });
    expect(Object.keys(hpas)).toEqual([
      'todo-frontend',
      'todo-backend',
      'todo-mcp',
    ]);
    expect(hpas['todo-frontend'].spec).toMatchObject({
      minReplicas: 4,
      maxReplicas: 12,
    });
    expect(hpas['todo-mcp'].spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 5,
    });
    expect(hpas['todo-mcp'].spec.scaleTargetRef.name).toBe('todo-mcp');
  });

  it('renders no HPA for a service whose autoscaling is off', () => {
    expect(
      render({ name: 'todo', backend: { autoscaling: { enabled: false } } }),
    ).toEqual({});
  });

  it('gives each running blue-green colour its own HPA, and an idle colour none', () => {
    const green = render({
      name: 'todo',
      rollout: { strategy: 'blue-green', activeColor: 'green' },
      mcp: { autoscaling: { enabled: true } },
    });
    expect(Object.keys(green).sort()).toEqual([
      'todo-backend-green',
      'todo-mcp-green',
    ]);
    expect(green['todo-backend-green'].spec.scaleTargetRef.name).toBe(
      'todo-backend-green',
    );

    const warm = render({
      name: 'todo',
      rollout: { strategy: 'blue-green', keepIdleWarm: true },
    });
    expect(
      Object.values(warm).map((h: any) => h.spec.scaleTargetRef.name),
    ).toEqual(['todo-backend-blue', 'todo-backend-green']);
  });

  it('scales down conservatively: a stabilization window and a bounded rate, scale-up left fast', () => {
    const { behavior } = render({ name: 'todo' })['todo-backend'].spec;
    expect(behavior.scaleUp).toBeUndefined();
    expect(
      behavior.scaleDown.stabilizationWindowSeconds,
    ).toBeGreaterThanOrEqual(300);
    expect(behavior.scaleDown.policies).toEqual([
      { type: 'Percent', value: 25, periodSeconds: 60 },
    ]);
  });
});
