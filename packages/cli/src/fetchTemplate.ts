import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';

const localOnly = async (): Promise<never> => {
  throw new Error(
    'the CLI reads the skeleton from disk, beside template.yaml; remote URLs need the portal',
  );
};

/** No remote reads: a template's `./skeleton` is read from the template's own folder. */
const localOnlyReader: UrlReaderService = {
  readUrl: localOnly,
  readTree: localOnly,
  search: localOnly,
};

/**
 * The scaffolder's own fetch:template action (its templating engine, file
 * name templating and copyWithoutTemplating), for the template's skeleton step
 * outside Backstage.
 */
export function createLocalFetchTemplateAction() {
  return createFetchTemplateAction({
    reader: localOnlyReader,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
}
