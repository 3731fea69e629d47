import { act, screen, waitFor } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ENTITY_ANNOTATIONS } from '@evolution-todo/plugin-evolution-todo-common';
import { upgradeTemplateRouteRef } from '../routes';
import {
  componentEntity,
  systemEntity,
} from '../__testUtils__/renderWithSimulatedCluster';
import { TemplateVersionNotice } from './TemplateVersionNotice';

const withVersion = (entity: Entity, version: string): Entity => ({
  ...entity,
  metadata: {
    ...entity.metadata,
    namespace: 'default',
    annotations: {
      ...entity.metadata.annotations,
      [ENTITY_ANNOTATIONS.templateVersion]: version,
    },
  },
});

const template = (version: string): Entity =>
  withVersion(
    {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'evolution-todo-kubernetes' },
      spec: {},
    },
    version,
  );

async function renderNotice(entity: Entity, catalog: Entity[]) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[catalogApiRef, catalogApiMock({ entities: catalog })]]}
    >
      <EntityProvider entity={entity}>
        <TemplateVersionNotice />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/create/templates/:namespace/:templateName': upgradeTemplateRouteRef,
      },
    },
  );
}

describe('TemplateVersionNotice', () => {
  it('shows the version the System was made with, the current one, and links the upgrade for it', async () => {
    const system = withVersion(systemEntity(), '1.0.0');
    await renderNotice(system, [system, template('1.2.0')]);

    const notice = await screen.findByTestId('template-version');
    expect(notice).toHaveTextContent(
      'Made with template version 1.0.0, current 1.2.0 — Upgrade',
    );
    const link = screen.getByRole('link', { name: 'Upgrade' });
    const url = new URL(link.getAttribute('href')!, 'http://app');
    expect(url.pathname).toBe(
      '/create/templates/default/evolution-todo-upgrade',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      system: 'system:default/todo',
    });
  });

  it("reads a Component's version from its System", async () => {
    const system = withVersion(systemEntity(), '1.2.0');
    await renderNotice(componentEntity('backend'), [system, template('1.2.0')]);

    expect(await screen.findByTestId('template-version')).toHaveTextContent(
      'Made with template version 1.2.0 (current)',
    );
    expect(
      screen.queryByRole('link', { name: 'Upgrade' }),
    ).not.toBeInTheDocument();
  });

  it('says nothing for an entity whose System carries no version', async () => {
    const catalog = catalogApiMock.mock({
      getEntityByRef: jest.fn(async () => systemEntity()),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalog]]}>
        <EntityProvider entity={componentEntity('backend')}>
          <TemplateVersionNotice />
        </EntityProvider>
      </TestApiProvider>,
    );

    await waitFor(() =>
      expect(catalog.getEntityByRef).toHaveBeenCalledWith({
        kind: 'System',
        namespace: 'default',
        name: 'todo',
      }),
    );
    // Let the lookup's answer reach the component.
    await act(async () => {});
    expect(screen.queryByTestId('template-version')).not.toBeInTheDocument();
  });
});
