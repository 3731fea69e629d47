import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import path from 'node:path';

export const LOCAL_PUBLISH_CONFIG_KEY = 'evolutionTodo.localPublish';

/** A repository name is one path segment, as safe in a URL as in a file name. */
const REPO_NAME = /^[a-z0-9]([-a-z0-9._]{0,98}[a-z0-9])?$/;

/** The branch of a published repository's first commit, unless the template says otherwise. */
export const LOCAL_DEFAULT_BRANCH = 'main';
export const INITIAL_COMMIT_MESSAGE =
  'Initial commit from the Evolution Todo golden path';
/** Who commits when app-config names nobody (evolutionTodo.localPublish.author). */
export const DEFAULT_LOCAL_AUTHOR = {
  name: 'Backstage Scaffolder',
  email: 'scaffolder@backstage.local',
};

export interface LocalDestination {
  /** Absolute directory that holds every locally published repository. */
  baseDir: string;
  author: { name: string; email: string };
}

/** Reads the local destination from app-config, or explains what to add. */
export function readLocalDestination(config: Config): LocalDestination {
  const section = config.getOptionalConfig(LOCAL_PUBLISH_CONFIG_KEY);
  if (!section) {
    throw new InputError(
      `The local destination is not configured: set ${LOCAL_PUBLISH_CONFIG_KEY}.directory in app-config.yaml`,
    );
  }
  return {
    baseDir: path.resolve(section.getString('directory')),
    author: {
      name:
        section.getOptionalString('author.name') ?? DEFAULT_LOCAL_AUTHOR.name,
      email:
        section.getOptionalString('author.email') ?? DEFAULT_LOCAL_AUTHOR.email,
    },
  };
}

/** The folder a repository gets under the base directory; rejects names that are not one safe segment. */
export function repositoryDir(
  destination: LocalDestination,
  repoName: string,
): string {
  if (!REPO_NAME.test(repoName)) {
    throw new InputError(
      `repoName: must be lowercase letters, digits, ".", "_" and "-", starting and ending with a letter or digit, at most 100 characters (got ${JSON.stringify(
        repoName,
      )})`,
    );
  }
  return resolveSafeChildPath(destination.baseDir, repoName);
}

/**
 * The folder of a repository the local destination published, from where the
 * catalog read its entities (`backstage.io/managed-by-location`, e.g.
 * `file:/…/todo/catalog-info.yaml`); anything else is an InputError that
 * says where the entity lives instead.
 */
export function repositoryOfLocation(
  destination: LocalDestination,
  location: string | undefined,
  field: string,
): string {
  const file = location?.startsWith('file:')
    ? location.slice('file:'.length)
    : undefined;
  const repoDir = file ? path.dirname(path.resolve(file)) : undefined;
  const relative = repoDir ? path.relative(destination.baseDir, repoDir) : '..';
  if (
    !repoDir ||
    relative === '' ||
    relative.startsWith('..') ||
    path.isAbsolute(relative) ||
    relative.includes(path.sep)
  ) {
    throw new InputError(
      `${field}: its repository is not one of the local destination's (${
        destination.baseDir
      }); the catalog read it from ${location ?? 'nowhere'}`,
    );
  }
  return repoDir;
}
