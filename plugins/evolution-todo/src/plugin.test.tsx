import { screen } from '@testing-library/react';
import { EntityEvolutionTodoCard, evolutionTodoPlugin } from './index';
import {
  renderForEntity,
  setupSimulatedKubernetes,
  systemEntity,
} from './__testUtils__/renderWithSimulatedCluster';

// A render with its retries can outlast Jest's default 5 s on a loaded two-core machine.
jest.setTimeout(30_000);

setupSimulatedKubernetes();

describe('legacy frontend system', () => {
  it('is the evolution-todo plugin', () => {
    expect(evolutionTodoPlugin.getId()).toBe('evolution-todo');
  });

  it('renders the card on an entity page, loaded lazily', async () => {
    await renderForEntity(<EntityEvolutionTodoCard />, systemEntity());
    expect(await screen.findByTestId('system-verdict')).toHaveTextContent(
      'System todo: Healthy',
    );
  });
});
