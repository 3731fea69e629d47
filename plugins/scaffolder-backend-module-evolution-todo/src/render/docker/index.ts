export { renderDockerfiles, dockerPlaceholderValues } from './renderDocker';
export { checkDockerfile, MIN_NON_ROOT_UID } from './policy';
export type {
  DockerfileExpectations,
  DockerfileFinding,
  DockerfileRule,
} from './policy';
export {
  DEFAULT_RUNTIMES,
  NODE_VERSIONS,
  PYTHON_VERSIONS,
  RUNTIME_IMAGES,
} from './runtimes';
export type { NodeVersion, PythonVersion, Runtimes } from './runtimes';
export { PYTHON_SERVICES } from './pythonServices';
export type { PythonComponent, PythonService } from './pythonServices';
export {
  DOCKER_FOLDER,
  DOCKER_TEMPLATE_FILES,
  IMAGE_RUNTIME,
  IMAGE_TEMPLATE_FOLDER,
  dockerTemplatesDir,
  findDockerTemplatesDir,
} from './templates';
