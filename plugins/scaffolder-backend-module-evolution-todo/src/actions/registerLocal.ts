import { stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import path from 'node:path';
import { readLocalDestination } from '../publish/localDestination';
import { examples } from './registerLocal.examples';

export const REGISTER_LOCAL_ACTION_ID = 'evolution-todo:catalog:register-local';

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
          z.string().describe('Absolute path of the catalog-info.yaml, as evolution-todo:publish:local outputs it'),
      },
      output: {
        entityRef: z =>
          z.string().optional().describe('The System of the file, or its first entity'),
        entityRefs: z => z.array(z.string()).describe('Every entity the file defines'),
        catalogInfoUrl: z => z.string().describe('The registered location target'),
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
      await options.catalog.addLocation({ type: 'file', target }, { credentials });
      // The registration answers before processing; a dry run lists what the file defines.
      const { entities } = await options.catalog.addLocation(
        { type: 'file', target, dryRun: true },
        { credentials },
      );
      const defined = entities.filter(e => e.kind !== 'Location');
      const main = defined.find(e => e.kind === 'System') ?? defined[0];
      ctx.output('entityRefs', defined.map(e => stringifyEntityRef(e)));
      if (main) {
        ctx.output('entityRef', stringifyEntityRef(main));
      }
      ctx.logger.info(`Registered ${target}: ${defined.length} entities`);
    },
  });
}
