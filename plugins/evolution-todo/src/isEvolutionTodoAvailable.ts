import type { Entity } from '@backstage/catalog-model';
import { describeEntityTarget } from '@evolution-todo/plugin-evolution-todo-common';

/**
 * True for our catalog entities: a Component or Resource whose label selector
 * names an evolution-todo release and component, or a System with a
 * kubernetes-id (the release).
 */
export function isEvolutionTodoAvailable(entity: Entity): boolean {
  const target = describeEntityTarget(entity.metadata.annotations);
  if (!target) return false;
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return target.component
    ? kind === 'component' || kind === 'resource'
    : kind === 'system';
}
