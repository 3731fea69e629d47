import {
  commonLabels,
  componentLabelSelector,
  LABELS,
  selectorLabels,
} from './labels';
import { coloredName, componentName, MAX_RELEASE_NAME_LENGTH } from './names';
import { COMPONENTS } from './components';

const ctx = { release: 'todo', version: '1.2.3', chartVersion: '0.1.0' };

describe('labels', () => {
  it('puts the Backstage kubernetes-id and the recommended labels on every object', () => {
    expect(commonLabels(ctx, 'backend')).toEqual({
      'app.kubernetes.io/name': 'evolution-todo',
      'app.kubernetes.io/instance': 'todo',
      'app.kubernetes.io/component': 'backend',
      'app.kubernetes.io/part-of': 'todo',
      'app.kubernetes.io/version': '1.2.3',
      'app.kubernetes.io/managed-by': 'Helm',
      'helm.sh/chart': 'evolution-todo-0.1.0',
      'backstage.io/kubernetes-id': 'todo',
    });
  });

  it('keeps selectors to labels that never change', () => {
    const selector = selectorLabels('todo', 'frontend', 'green');
    expect(selector).toEqual({
      'app.kubernetes.io/name': 'evolution-todo',
      'app.kubernetes.io/instance': 'todo',
      'app.kubernetes.io/component': 'frontend',
      [LABELS.color]: 'green',
    });
    // Every selector label is also on the object, or the selector would match nothing.
    expect(commonLabels(ctx, 'frontend', 'green')).toMatchObject(selector);
  });

  it('gives catalog components a selector that matches their labels only', () => {
    const selector = componentLabelSelector('todo', 'mcp');
    const pairs = Object.fromEntries(
      selector.split(',').map(p => p.split('=')),
    );
    expect(commonLabels(ctx, 'mcp')).toMatchObject(pairs);
    expect(commonLabels(ctx, 'backend')).not.toMatchObject(pairs);
  });
});

describe('names', () => {
  it('fit the 63-character limit for the longest release name', () => {
    const release = 'a'.repeat(MAX_RELEASE_NAME_LENGTH);
    for (const component of COMPONENTS) {
      expect(componentName(release, component).length).toBeLessThanOrEqual(63);
      expect(
        coloredName(release, component, 'green').length,
      ).toBeLessThanOrEqual(63);
    }
  });
});
