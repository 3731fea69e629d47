import { find, goodStack } from '../__testUtils__/fixtures';
import { serviceMonitorTarget } from './serviceMonitorTarget';

describe('service-monitor-target', () => {
  it('passes a ServiceMonitor that selects a Service by a named port', () => {
    expect(serviceMonitorTarget.check(goodStack())).toEqual([]);
  });

  it('rejects a selector that matches no Service', () => {
    const stack = goodStack();
    (find(stack, 'ServiceMonitor') as any).spec.selector.matchLabels[
      'app.kubernetes.io/component'
    ] = 'mcp';
    expect(serviceMonitorTarget.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.selector',
        problem: 'selects no Service',
      }),
    ]);
  });

  it('rejects a port name the Service does not declare', () => {
    const stack = goodStack();
    (find(stack, 'ServiceMonitor') as any).spec.endpoints[0].port = 'metrics';
    expect(serviceMonitorTarget.check(stack)).toEqual([
      expect.objectContaining({ field: 'spec.endpoints[0].port' }),
    ]);
  });

  it('looks in the namespaces the namespaceSelector names', () => {
    const stack = goodStack();
    const monitor: any = find(stack, 'ServiceMonitor');
    monitor.metadata.namespace = 'monitoring';
    expect(serviceMonitorTarget.check(stack)).toHaveLength(1);
    monitor.spec.namespaceSelector = { matchNames: ['todo'] };
    expect(serviceMonitorTarget.check(stack)).toEqual([]);
  });
});
