import {
  componentEntity,
  systemEntity,
} from './__testUtils__/renderWithSimulatedCluster';
import { isEvolutionTodoAvailable } from './isEvolutionTodoAvailable';

describe('isEvolutionTodoAvailable', () => {
  it('accepts our Components, Resources and System', () => {
    expect(isEvolutionTodoAvailable(componentEntity('backend'))).toBe(true);
    expect(
      isEvolutionTodoAvailable(componentEntity('postgres', 'todo', 'Resource')),
    ).toBe(true);
    expect(isEvolutionTodoAvailable(systemEntity())).toBe(true);
  });

  it('rejects everything else', () => {
    const plain = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
    };
    expect(isEvolutionTodoAvailable(plain)).toBe(false);
    const otherSelector = {
      ...plain,
      metadata: {
        name: 'x',
        annotations: { 'backstage.io/kubernetes-label-selector': 'app=nginx' },
      },
    };
    expect(isEvolutionTodoAvailable(otherSelector)).toBe(false);
    // A Component with only a kubernetes-id is someone else's service, not our System.
    const componentWithId = {
      ...plain,
      metadata: {
        name: 'x',
        annotations: { 'backstage.io/kubernetes-id': 'x' },
      },
    };
    expect(isEvolutionTodoAvailable(componentWithId)).toBe(false);
  });
});
