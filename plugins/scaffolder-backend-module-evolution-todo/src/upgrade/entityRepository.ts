import {
  ANNOTATION_LOCATION,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { pathToFileURL } from 'node:url';
import {
  githubRepositoryAccess,
  githubRepoUrlOfLocation,
} from '../publish/github';
import {
  readLocalDestination,
  repositoryOfLocation,
} from '../publish/localDestination';
import { readGithubBranchRecord } from './githubRepository';
import { readRecordedRepository, type BranchRecord } from './repository';

/** A System's repository as an upgrade reads it, and where it is. */
export interface EntityRecordedRepository {
  /** The local destination (a folder on this machine) or GitHub. */
  destination: 'local' | 'github';
  /** Absolute path of a local-destination repository (empty for GitHub). */
  repoPath: string;
  /** A GitHub repository as publish:github names it (empty for the local destination). */
  githubRepoUrl: string;
  /** The repository's URL: file:// or https://github.com/…; never with credentials. */
  repoUrl: string;
  /** The branch an upgrade starts from, its last commit and the record there. */
  repository: BranchRecord;
}

/**
 * Reads the record of the repository a catalog entity (a System the golden
 * path made) was read from: a repository of the local destination in place,
 * or a GitHub repository of a configured integration through its REST API
 * with the integration's token (no clone). Refusals are InputErrors naming
 * the entity.
 */
export async function readRecordedRepositoryOfEntity(options: {
  config: Config;
  entity: Entity;
}): Promise<EntityRecordedRepository> {
  const { config, entity } = options;
  const field = `entityRef (${stringifyEntityRef(entity)})`;
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  const githubRepoUrl = githubRepoUrlOfLocation(config, location);
  if (githubRepoUrl) {
    const access = await githubRepositoryAccess(config, githubRepoUrl, field);
    const repository = await readGithubBranchRecord(access);
    return {
      destination: 'github',
      repoPath: '',
      githubRepoUrl: access.repoUrl,
      repoUrl: access.htmlUrl,
      repository,
    };
  }
  const repoPath = repositoryOfLocation(
    readLocalDestination(config),
    location,
    field,
  );
  return {
    destination: 'local',
    repoPath,
    githubRepoUrl: '',
    repoUrl: pathToFileURL(repoPath).href,
    repository: await readRecordedRepository(repoPath),
  };
}
