/**
 * Test utilities of the evolution-todo scaffolder module, for other packages'
 * tests, dev servers and benches:
 * `@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils`.
 *
 * ReleaseSimulator is the one test double of a running release: the real
 * renderer's objects plus a small status simulator.
 *
 * @packageDocumentation
 */
export {
  ReleaseSimulator,
  type HpaFault,
  type HpaState,
  type ReleaseSimulatorOptions,
  type RolloutStep,
} from './ReleaseSimulator';
export type { PodFailure } from './podStates';
export { createRecordedRepository } from './recordedRepository';
