import type { AppComponent } from '@evolution-todo/plugin-evolution-todo-common';
import path from 'node:path';
import packageJson from '../../../package.json';
import { findPackedFolder } from '../../packedFolders';
import { packagePath } from '../../packagePath';

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
 * The folder under docker/ holding each app image's templates: the backend and
 * the MCP server share docker/python/, filled per service (pythonServices.ts).
 */
export const IMAGE_TEMPLATE_FOLDER: Record<
  AppComponent,
  'frontend' | 'python'
> = {
  frontend: 'frontend',
  backend: 'python',
  mcp: 'python',
};

/** The template folders, each once. */
export const TEMPLATE_FOLDERS = [
  ...new Set(Object.values(IMAGE_TEMPLATE_FOLDER)),
];

/** The name of the templates' copy in an installed package ("packedFolders" in package.json). */
const PACKED_NAME = 'docker-templates';

/**
 * The folder holding the templates, for a package installed at packageDir:
 * the copy packed into it, else docker/ at the root of this workspace, their
 * one source (findPackedFolder). Fails naming the places looked at.
 */
export function findDockerTemplatesDir(packageDir: string): string {
  return findPackedFolder({
    packageDir,
    packedFolders: packageJson.packedFolders,
    name: PACKED_NAME,
    requiredFiles: TEMPLATE_FOLDERS.flatMap(folder =>
      DOCKER_TEMPLATE_FILES.map(file => path.join(folder, file)),
    ),
    what: 'The Dockerfile templates',
    describeRequired: `${TEMPLATE_FOLDERS.join(
      '|',
    )}/{${DOCKER_TEMPLATE_FILES.join(',')}}`,
  });
}

let templatesDir: string | undefined;

/**
 * The folder holding the templates for this package, installed or in the
 * workspace; looked up once per process (the package does not move while it
 * runs, and the look-up is synchronous file-system work on every render).
 */
export function dockerTemplatesDir(): string {
  templatesDir ??= findDockerTemplatesDir(packagePath());
  return templatesDir;
}
