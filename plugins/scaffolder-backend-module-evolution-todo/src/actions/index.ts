import type { Config } from '@backstage/config';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';

/** What the actions may need from the backend that hosts them. */
export interface EvolutionTodoActionDeps {
  config: Config;
}

/**
 * Every action this module provides. One factory per file beside this one;
 * add new actions here so the module and its test see the same list.
 */
export function createEvolutionTodoActions(
  _deps: EvolutionTodoActionDeps,
): TemplateAction<any, any, any>[] {
  return [];
}
