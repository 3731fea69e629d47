export {
  ReleaseSimulator,
  type HpaFault,
  type HpaState,
  type ReleaseSimulatorOptions,
  type RolloutStep,
} from './ReleaseSimulator';
export type { PodFailure } from './podStates';
