import type {
  HttpAuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ENTITY_ANNOTATIONS,
  RECORDED_PARAMETERS_PATH,
  type RecordedParametersResponse,
} from '@evolution-todo/plugin-evolution-todo-common';
import {
  formatRecordedParameters,
  readRecordedRepositoryOfEntity,
  RECORD_PATH,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import type express from 'express';
import Router from 'express-promise-router';

function systemRefOf(query: unknown): CompoundEntityRef {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new InputError(
      'entityRef: required, a System like system:default/todo',
    );
  }
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(query, { defaultKind: 'system' });
  } catch {
    throw new InputError(
      `entityRef: must be an entity ref like system:default/todo (got ${JSON.stringify(
        query,
      )})`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'system') {
    throw new InputError(
      `entityRef: must be a System (got ${stringifyEntityRef(ref)})`,
    );
  }
  return ref;
}

/**
 * The plugin's routes. GET /recorded-parameters?entityRef=system:default/x
 * reads the System from the catalog with the user's credentials (so the
 * catalog's permissions apply: a System the user may not read is a 404, as
 * one that does not exist), and the record of its repository with the
 * scaffolder module's own readers (the local destination in place, GitHub
 * through its REST API with the integration's token: a few requests, no
 * clone, whatever the repository's size).
 */
export async function createRouter(options: {
  config: RootConfigService;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  logger: LoggerService;
}): Promise<express.Router> {
  const { config, httpAuth, catalog, logger } = options;
  const router = Router();

  router.get(RECORDED_PARAMETERS_PATH, async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const ref = systemRefOf(req.query.entityRef);
    const entity = await catalog.getEntityByRef(ref, { credentials });
    const name = stringifyEntityRef(ref);
    if (!entity) {
      throw new NotFoundError(
        `entityRef: ${name} is not in the catalog, or you may not read it`,
      );
    }
    if (!entity.metadata.annotations?.[ENTITY_ANNOTATIONS.templateVersion]) {
      throw new InputError(
        `entityRef: ${name} has no ${ENTITY_ANNOTATIONS.templateVersion} annotation; only Systems the evolution-todo golden path made record their parameters`,
      );
    }
    const read = await readRecordedRepositoryOfEntity({ config, entity });
    const { record, branch, head } = read.repository;
    logger.info(
      `Read the recorded parameters of ${name} from ${
        read.repoUrl
      } (${branch} at ${head.slice(0, 12)}) for ${
        credentials.principal.userEntityRef
      }`,
    );
    const body: RecordedParametersResponse = {
      templateVersion: record.templateVersion,
      parameters: formatRecordedParameters(record),
      source: {
        destination: read.destination,
        repoUrl: read.repoUrl,
        branch,
        commit: head,
        path: RECORD_PATH,
      },
    };
    res.json(body);
  });

  return router;
}
