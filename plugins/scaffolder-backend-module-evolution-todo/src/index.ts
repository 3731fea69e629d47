/**
 * Scaffolder backend module with the evolution-todo actions: render the Helm
 * chart, Kubernetes manifests and monitoring from one DeploymentSpec, validate
 * them, and deploy them to a cluster.
 *
 * @packageDocumentation
 */
export { scaffolderModuleEvolutionTodo as default } from './module';
export { createEvolutionTodoActions } from './actions';
export { DEPLOY_ACTION_ID } from './actions/deploy';
export { UPGRADE_ACTION_ID } from './actions/upgrade';
export { UPGRADE_GITHUB_ACTION_ID } from './actions/upgradeGithub';
export { checkDockerfile, RUNTIME_IMAGES } from './render/docker';
export type { DockerfileFinding } from './render/docker';
export type { EvolutionTodoActionDeps } from './actions';
export { readTemplateVersion } from './upgrade/templateVersion';
export {
  checkRenderLock,
  readRenderLock,
  RENDER_LOCK_FILE_NAME,
  renderTreeId,
  writeRenderLock,
} from './upgrade/renderLock';
export type { RenderLock, RenderLockProblem } from './upgrade/renderLock';
export {
  readRecordedRepositoryOfEntity,
  type EntityRecordedRepository,
} from './upgrade/entityRepository';
export type { RecordedRepository } from './upgrade/repository';
export {
  formatRecordedParameters,
  RECORD_PATH,
  type TemplateRecord,
} from './upgrade/record';
