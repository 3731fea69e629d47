import {
  EntityEvolutionTodoCard,
  EntityEvolutionTodoContent,
  evolutionTodoPlugin,
  isEvolutionTodoAvailable,
} from './index';

describe('legacy plugin', () => {
  it('exports the plugin, its two entity extensions and the availability check', () => {
    expect(evolutionTodoPlugin.getId()).toBe('evolution-todo');
    expect(EntityEvolutionTodoCard).toEqual(expect.any(Function));
    expect(EntityEvolutionTodoContent).toEqual(expect.any(Function));
    expect(isEvolutionTodoAvailable).toEqual(expect.any(Function));
  });
});
