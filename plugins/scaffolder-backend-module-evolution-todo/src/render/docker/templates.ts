import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { AppComponent } from '@evolution-todo/plugin-evolution-todo-common';

/**
 * The files every app image gets, under docker/<component>/ in the generated
 * repository. The ignore file is named after the Dockerfile because the build
 * context is the service's own folder (frontend/, backend/, mcp/), not docker/:
 * BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile, and
 * scripts/build-images.sh hands it to Podman with --ignorefile.
 */
export const DOCKER_TEMPLATE_FILES = [
  'Dockerfile',
  'Dockerfile.dockerignore',
] as const;
export type DockerTemplateFile = (typeof DOCKER_TEMPLATE_FILES)[number];

/** Where the rendered files go in the generated repository. */
export const DOCKER_FOLDER = 'docker';

/** The runtime each app image is built on. The MCP server uses the official MCP Python SDK. */
export const IMAGE_RUNTIME: Record<AppComponent, 'node' | 'python'> = {
  frontend: 'node',
  backend: 'python',
  mcp: 'python',
};

/**
 * The folder holding the templates: docker/ at the root of this workspace,
 * the single source of every generated Dockerfile.
 */
export function dockerTemplatesDir(): string {
  return resolvePackagePath(
    '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo',
    '../../docker',
  );
}
