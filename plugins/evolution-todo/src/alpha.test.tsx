import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { ENTITY_ANNOTATIONS } from '@evolution-todo/plugin-evolution-todo-common';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  kubernetesApiRef,
  kubernetesAuthProvidersApiRef,
} from '@backstage/plugin-kubernetes-react';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { RECORDED_PARAMETERS_FIELD } from '@evolution-todo/plugin-evolution-todo-common';
import plugin, {
  evolutionTodoEntityCard,
  evolutionTodoEntityContent,
  recordedParametersFormField,
} from './alpha';
import { RecordedParametersField } from './components/RecordedParametersField';
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

  it("provides the upgrade form's RecordedParameters field to the scaffolder", async () => {
    expect(
      plugin.getExtension(
        'scaffolder-form-field:evolution-todo/recorded-parameters',
      ),
    ).toBeDefined();
    const load = createExtensionTester(recordedParametersFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    expect(RECORDED_PARAMETERS_FIELD).toBe('RecordedParameters');
    // The scaffolder reads the field's name and component from the loaded (opaque) FormField.
    expect((await load()) as unknown).toMatchObject({
      name: RECORDED_PARAMETERS_FIELD,
      component: RecordedParametersField,
    });
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
    const system = systemEntity();
    system.metadata.annotations![ENTITY_ANNOTATIONS.templateVersion] = '1.0.0';
    const template = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: {
        name: 'evolution-todo-kubernetes',
        namespace: 'default',
        annotations: { [ENTITY_ANNOTATIONS.templateVersion]: '1.0.0' },
      },
      spec: {},
    };
    await renderInTestApp(
      <EntityProvider entity={system}>{element}</EntityProvider>,
      {
        apis: [
          [kubernetesApiRef, client],
          [kubernetesAuthProvidersApiRef, authProviders],
          [catalogApiRef, catalogApiMock({ entities: [template] })],
        ],
      },
    );
    expect(await screen.findByTestId('system-verdict')).toHaveTextContent(
      'System todo: Healthy',
    );
    expect(await screen.findByTestId('template-version')).toHaveTextContent(
      'Made with template version 1.0.0 (current)',
    );
  });
});
