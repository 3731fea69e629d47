/**
 * TEST DOUBLE: a simulated Kubernetes cluster for tests and demos (see README.md).
 * Never used by the plugin itself.
 */
export {
  SimulatedCluster,
  matchesSelector,
  type ClusterFault,
  type SimulatedClusterOptions,
} from './cluster';
export { kubernetesApiHandlers, CONTROL_PATH } from './kubernetesApiHandlers';
export {
  kubernetesBackendHandlers,
  BACKEND_BASE_URL,
  type BackendCluster,
} from './kubernetesBackendHandlers';
export {
  SCENARIOS,
  isScenarioName,
  buildScenario,
  type ScenarioName,
} from './scenarios';
