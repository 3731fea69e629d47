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

// What the headless CLI (@evolution-todo/cli) runs: the template's render and
// validate actions one by one, outside Backstage, and the upgrade library.
export { createResolveParametersAction } from './actions/resolveParameters';
export { CHART_FOLDER, createRenderChartAction } from './actions/renderChart';
export {
  createRenderManifestsAction,
  MANIFESTS_FOLDER,
} from './actions/renderManifests';
export { createRenderDockerAction } from './actions/renderDocker';
export { DOCKER_FOLDER } from './render/docker';
export {
  createValidateAction,
  VALIDATE_ACTION_ID,
  ValidationFailedError,
} from './actions/validate';
export { loadManifests, validateDirectory } from './validate';
export {
  DEFAULT_LOCAL_AUTHOR,
  INITIAL_COMMIT_MESSAGE,
  LOCAL_DEFAULT_BRANCH,
} from './publish/localDestination';
export { createLocalRepository } from './publish/localRepository';
export {
  configuredIdentity,
  describeConflict,
  GIT_EXECUTABLE,
  readTemplateVersion,
  RECORD_PATH,
  runGit,
  TEMPLATE_BRANCH,
  upgradeBranch,
  upgradeRepository,
} from './upgrade';
export type { RenderTemplate, UpgradeResult } from './upgrade';
export { SKELETON_COPY_WITHOUT_TEMPLATING } from './skeleton/values';
export { findPackedFolder } from './packedFolders';
export type { PackedFolders } from './packedFolders';
export {
  checkRenderLock,
  readRenderLock,
  RENDER_LOCK_EXAMPLES_DIR,
  RENDER_LOCK_FILE_NAME,
  renderLockExamples,
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
  type TemplateRecord,
} from './upgrade/record';
