import { goodStack } from '../__testUtils__/fixtures';
import { operatorObjectsFolder } from './operatorObjectsFolder';

describe('operator-objects-folder', () => {
  it('passes the operator objects in k8s/monitoring/ and the rest elsewhere', () => {
    const stack = goodStack();
    expect(stack.some(o => o.file === 'k8s/monitoring/stack.yaml')).toBe(true);
    expect(operatorObjectsFolder.check(stack)).toEqual([]);
  });

  it('flags a ServiceMonitor outside k8s/monitoring/: a cluster without the operator would refuse the deploy', () => {
    const stack = goodStack().map(o =>
      o.object.kind === 'ServiceMonitor' ? { ...o, file: 'k8s/stack.yaml' } : o,
    );
    expect(
      operatorObjectsFolder
        .check(stack)
        .map(v => [v.object.object.kind, v.problem]),
    ).toEqual([
      [
        'ServiceMonitor',
        "is a Prometheus Operator kind outside k8s/monitoring/ (in k8s/stack.yaml): a cluster without the operator's CRDs would refuse it, so move it to k8s/monitoring/",
      ],
    ]);
  });

  it('flags anything else in k8s/monitoring/: a deploy without the operator would leave it out', () => {
    const stack = goodStack().map(o =>
      o.object.kind === 'Service'
        ? { ...o, file: 'k8s/monitoring/exporter.yaml' }
        : o,
    );
    const [violation, ...others] = operatorObjectsFolder.check(stack);
    expect(others).toEqual([]);
    expect(violation.object.object.kind).toBe('Service');
    expect(violation.problem).toContain(
      'which a deploy skips on clusters without the operator',
    );
  });

  it('judges only files in k8s/ (not a folder validated on its own)', () => {
    const stack = goodStack().map(o => ({ ...o, file: 'stack.yaml' }));
    expect(operatorObjectsFolder.check(stack)).toEqual([]);
  });
});
