import { describeEntityTarget } from './entityTarget';

describe('describeEntityTarget', () => {
  it('reads a component from the label selector and the system from the kubernetes-id', () => {
    expect(
      describeEntityTarget({
        'backstage.io/kubernetes-label-selector':
          'app.kubernetes.io/instance=todo,app.kubernetes.io/component=backend',
        'backstage.io/kubernetes-namespace': 'todo',
      }),
    ).toEqual({ release: 'todo', component: 'backend', namespace: 'todo' });
    expect(
      describeEntityTarget({ 'backstage.io/kubernetes-id': 'todo' }),
    ).toEqual({ release: 'todo', namespace: undefined });
  });

  it('rejects selectors that are not ours', () => {
    expect(
      describeEntityTarget({
        'backstage.io/kubernetes-label-selector': 'app=nginx',
      }),
    ).toBeUndefined();
    expect(
      describeEntityTarget({
        'backstage.io/kubernetes-label-selector':
          'app.kubernetes.io/instance=x,app.kubernetes.io/component=kafka',
      }),
    ).toBeUndefined();
    expect(describeEntityTarget({})).toBeUndefined();
    expect(describeEntityTarget(undefined)).toBeUndefined();
  });
});
