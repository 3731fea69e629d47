/**
 * Test utilities of the evolution-todo scaffolder module, for other packages'
 * tests, dev servers and benches:
 * `@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils`.
 *
 * ReleaseSimulator is the one test double of a running release: the real
 * renderer's objects plus a small status simulator. The real Helm binaries,
 * the chart/k8s comparison and the scratch git repositories are the ones this
 * module's own tests use, shared with the CLI's tests and the benches. The
 * scaffolder backend with this module is a separate entry point,
 * `…/scaffolderTestUtils`: it loads backend packages that browser-side tests,
 * which import this one for ReleaseSimulator, cannot load.
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
export { helm, helmBinary, HELM_MAJORS, type HelmMajor } from './helm';
export { byKey, chartObjects } from './parity';
export { listFiles } from '../render/files';
export {
  commitTeamEdit,
  refsOf,
  scratchFolder,
  showFile,
  statusOf,
} from './repositories';
export { createRecordedRepository } from './recordedRepository';
