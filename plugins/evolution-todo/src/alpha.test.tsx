import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  kubernetesApiRef,
  kubernetesAuthProvidersApiRef,
} from '@backstage/plugin-kubernetes-react';
import plugin, {
  evolutionTodoEntityCard,
  evolutionTodoEntityContent,
} from './alpha';
import {
  componentEntity,
  kubernetesApis,
  setupSimulatedKubernetes,
  systemEntity,
} from './__testUtils__/renderWithSimulatedCluster';

setupSimulatedKubernetes();

describe('new frontend system', () => {
  it('is one plugin with the entity card and the entity tab', () => {
    expect(plugin.pluginId).toBe('evolution-todo');
    expect(
      plugin.getExtension('entity-card:evolution-todo/health'),
    ).toBeDefined();
    expect(
      plugin.getExtension('entity-content:evolution-todo/health'),
    ).toBeDefined();
  });

  it('filters both to our entities', () => {
    const cardFilter = createExtensionTester(evolutionTodoEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    const contentFilter = createExtensionTester(evolutionTodoEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    const other = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'other' },
    };
    for (const filter of [cardFilter, contentFilter]) {
      expect(filter?.(systemEntity())).toBe(true);
      expect(filter?.(componentEntity('backend'))).toBe(true);
      expect(filter?.(other)).toBe(false);
    }
    expect(
      createExtensionTester(evolutionTodoEntityContent).get(
        EntityContentBlueprint.dataRefs.title,
      ),
    ).toBe('Health');
  });

  it('renders the card it provides', async () => {
    const element = createExtensionTester(
      evolutionTodoEntityCard,
    ).reactElement();
    const { client, authProviders } = kubernetesApis();
    await renderInTestApp(
      <EntityProvider entity={systemEntity()}>{element}</EntityProvider>,
      {
        apis: [
          [kubernetesApiRef, client],
          [kubernetesAuthProvidersApiRef, authProviders],
        ],
      },
    );
    expect(await screen.findByTestId('system-verdict')).toHaveTextContent(
      'System todo: Healthy',
    );
  });
});
