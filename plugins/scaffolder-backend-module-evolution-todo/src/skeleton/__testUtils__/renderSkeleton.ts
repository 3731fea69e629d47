import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRecordingContext } from '../../__testUtils__/actionContext';
import { listFiles } from '../../render/files';
import { skeletonDir, templateFile } from '../../__testUtils__/workspace';
import { SKELETON_COPY_WITHOUT_TEMPLATING, type SkeletonValues } from '../values';

/** The template version skeleton tests render with: any valid version does. */
export const SKELETON_TEST_VERSION = '1.0.0';

/**
 * Renders skeleton/ into a fresh folder with the scaffolder's own fetch:template
 * action (its templating engine, filename templating and copyWithoutTemplating),
 * the way the template's skeleton step does. Returns the folder and its files.
 */
export async function renderSkeleton(values: SkeletonValues) {
  // The skeleton is read from disk below the template's file: URL; no reader is asked.
  const action = createFetchTemplateAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const root = fs.mkdtempSync(
    path.join(os.tmpdir(), 'evolution-todo-skeleton-'),
  );
  const workspacePath = path.join(root, 'workspace');
  fs.mkdirSync(workspacePath);
  const { ctx } = createRecordingContext({
    input: {
      url: `./${path.basename(skeletonDir())}`,
      values,
      copyWithoutTemplating: [...SKELETON_COPY_WITHOUT_TEMPLATING],
    },
    // fetch:template reads a relative url from disk below the folder of the template's location.
    templateInfo: {
      entityRef: 'template:default/evolution-todo-kubernetes',
      baseUrl: pathToFileURL(templateFile()).href,
    },
    workspacePath,
    temporaryParent: root,
  });
  await action.handler(ctx);
  return {
    dir: workspacePath,
    files: listFiles(workspacePath),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
