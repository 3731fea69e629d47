import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, isError, ResponseError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import path from 'node:path';
import { readLocalDestination } from '../publish/localDestination';
import { examples } from './registerLocal.examples';

export const REGISTER_LOCAL_ACTION_ID = 'evolution-todo:catalog:register-local';

const DEFAULT_WAIT_SECONDS = 20;
/**
 * The wait is part of every task's duration (the catalog serves new entities
 * within about a second), so it polls often; one batched lookup per round
 * keeps that cheap.
 */
const POLL_INTERVAL_MS = 50;

/** Polls until the catalog serves every ref; false when the time is up first. */
async function waitUntilServed(
  catalog: CatalogService,
  refs: string[],
  options: {
    credentials: BackstageCredentials;
    timeoutMs: number;
    signal?: AbortSignal;
  },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  let pending = refs;
  for (;;) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: pending, fields: ['kind', 'metadata.name'] },
      { credentials: options.credentials },
    );
    pending = pending.filter((_, i) => !items[i]);
    if (pending.length === 0) return true;
    if (Date.now() >= deadline || options.signal?.aborted) return false;
    await new Promise(resolve => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/**
 * Adds the file location. One that exists already is this task's own
 * registration from an attempt that died before its checkpoint was recorded
 * (only publish:local writes below the destination, and it refuses a taken
 * name): it is kept, not added twice.
 */
async function addFileLocation(
  catalog: CatalogService,
  target: string,
  credentials: BackstageCredentials,
  logger: LoggerService,
): Promise<void> {
  try {
    await catalog.addLocation({ type: 'file', target }, { credentials });
  } catch (error) {
    if (!isConflict(error)) throw error;
    logger.info(
      `The catalog already has the location file:${target}; keeping it`,
    );
  }
}

/** A 409 from the catalog: a ConflictError in-process, a ResponseError with status 409 over HTTP. */
function isConflict(error: unknown): boolean {
  if (!isError(error)) return false;
  if (error.name === 'ConflictError') return true;
  return error instanceof ResponseError && error.statusCode === 409;
}

/**
 * Registers the catalog-info.yaml of a locally published repository as a
 * `file` location. The built-in catalog:register only registers `url`
 * locations, which need an SCM integration; the local destination has none.
 * The catalog must allow `file` locations (see packages/backend).
 */
export function createRegisterLocalAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: REGISTER_LOCAL_ACTION_ID,
    description:
      'Registers the catalog-info.yaml of a repository published by evolution-todo:publish:local in the catalog.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of the catalog-info.yaml, as evolution-todo:publish:local outputs it',
            ),
        waitSeconds: z =>
          z
            .number()
            .min(0)
            .max(120)
            .optional()
            .describe(
              `How long to wait until the catalog serves the entities. Defaults to ${DEFAULT_WAIT_SECONDS}.`,
            ),
      },
      output: {
        entityRef: z =>
          z
            .string()
            .optional()
            .describe('The System of the file, or its first entity'),
        entityRefs: z =>
          z.array(z.string()).describe('Every entity the file defines'),
        catalogInfoUrl: z =>
          z.string().describe('The registered location target'),
      },
    },
    async handler(ctx) {
      const { baseDir } = readLocalDestination(options.config);
      const target = path.resolve(ctx.input.catalogInfoPath);
      // Only files the local destination published may be registered this way.
      const relative = path.relative(baseDir, target);
      if (relative.startsWith('..') || path.isAbsolute(relative)) {
        throw new InputError(
          `catalogInfoPath: must be inside the local destination ${baseDir} (got ${ctx.input.catalogInfoPath})`,
        );
      }
      ctx.output('catalogInfoUrl', target);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would register ${target} in the catalog`);
        ctx.output('entityRefs', []);
        return;
      }
      if (!fs.existsSync(target)) {
        throw new InputError(`catalogInfoPath: ${target} does not exist`);
      }

      const credentials = await ctx.getInitiatorCredentials();
      // A recovered or retried task gets the recorded entities back and
      // registers nothing again.
      const { refs, mainRef } = await ctx.checkpoint({
        key: `register-local.v1.${target}`,
        fn: async () => {
          await addFileLocation(
            options.catalog,
            target,
            credentials,
            ctx.logger,
          );
          // The registration answers before processing; a dry run lists what the file defines.
          const { entities } = await options.catalog.addLocation(
            { type: 'file', target, dryRun: true },
            { credentials },
          );
          const defined = entities.filter(e => e.kind !== 'Location');
          const main = defined.find(e => e.kind === 'System') ?? defined[0];
          return {
            refs: defined.map(e => stringifyEntityRef(e)),
            mainRef: main ? stringifyEntityRef(main) : null,
          };
        },
      });
      ctx.output('entityRefs', refs);
      if (mainRef) {
        ctx.output('entityRef', mainRef);
      }
      ctx.logger.info(`Registered ${target}: ${refs.length} entities`);
      // The task's links open these entities next; wait (bounded) until the catalog serves them,
      // so the developer does not land on "Entity not found".
      const served = await waitUntilServed(options.catalog, refs, {
        credentials,
        timeoutMs: (ctx.input.waitSeconds ?? DEFAULT_WAIT_SECONDS) * 1000,
        signal: ctx.signal,
      });
      if (!served) {
        ctx.logger.warn(
          'The catalog has not processed every entity yet; their pages appear within its processing interval.',
        );
      }
    },
  });
}
