/**
 * Deployments, autoscaling and a health verdict for evolution-todo services on
 * their catalog entity pages. This entry point serves apps on the legacy
 * frontend system; `/alpha` serves the new one.
 *
 * @packageDocumentation
 */
export {
  evolutionTodoPlugin,
  EntityEvolutionTodoCard,
  EntityEvolutionTodoContent,
} from './plugin';
export { isEvolutionTodoAvailable } from './isEvolutionTodoAvailable';
export { useEvolutionTodoHealth } from './health/useEvolutionTodoHealth';
export type { EvolutionTodoHealth, Fault } from './health/types';
