import { backendPod, goodStack } from '../__testUtils__/fixtures';
import { probes } from './probes';

describe('probes', () => {
  it('passes different liveness and readiness probes', () => {
    expect(probes.check(goodStack())).toEqual([]);
  });

  it('accepts the same endpoint with different patience', () => {
    const stack = goodStack();
    const { container } = backendPod(stack);
    container.readinessProbe = {
      httpGet: { path: '/health', port: 'http' },
      periodSeconds: 5,
    };
    expect(probes.check(stack)).toEqual([]);
  });

  it('rejects identical probes', () => {
    const stack = goodStack();
    const { container } = backendPod(stack);
    container.livenessProbe = { ...container.readinessProbe };
    expect(probes.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.template.spec.containers[0].livenessProbe',
        problem: expect.stringContaining('must differ'),
      }),
    ]);
  });

  it('requires both probes on the app container only', () => {
    const stack = goodStack();
    const { pod, container } = backendPod(stack);
    delete container.livenessProbe;
    delete container.readinessProbe;
    pod.containers.push({ name: 'exporter', image: 'exporter:1' });
    expect(probes.check(stack).map(v => v.field)).toEqual([
      'spec.template.spec.containers[0].readinessProbe',
      'spec.template.spec.containers[0].livenessProbe',
    ]);
  });

  it('honours kubectl.kubernetes.io/default-container', () => {
    const stack = goodStack();
    const deployment: any = stack.find(
      o => o.object.kind === 'Deployment',
    )!.object;
    deployment.metadata.annotations = {
      'kubectl.kubernetes.io/default-container': 'app',
    };
    deployment.spec.template.spec.containers.push({
      name: 'app',
      image: 'app:1',
    });
    expect(probes.check(stack).map(v => v.field)).toEqual([
      'spec.template.spec.containers[1].readinessProbe',
      'spec.template.spec.containers[1].livenessProbe',
    ]);
  });
});
