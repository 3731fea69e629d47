import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  SKELETON_COPY_WITHOUT_TEMPLATING,
  skeletonDir,
  type SkeletonValues,
} from '../values';

const noReader: UrlReaderService = {
  readUrl: async () => {
    throw new Error('the skeleton is read from disk');
  },
  readTree: async () => {
    throw new Error('the skeleton is read from disk');
  },
  search: async () => {
    throw new Error('the skeleton is read from disk');
  },
};

const silent: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silent,
};

/**
 * Renders skeleton/ into a fresh folder with the scaffolder's own fetch:template
 * action (its templating engine, filename templating and copyWithoutTemplating),
 * the way the template's first step does. Returns the folder and its files.
 */
export async function renderSkeleton(values: SkeletonValues) {
  const action = createFetchTemplateAction({
    reader: noReader,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const root = fs.mkdtempSync(
    path.join(os.tmpdir(), 'evolution-todo-skeleton-'),
  );
  const workspacePath = path.join(root, 'workspace');
  fs.mkdirSync(workspacePath);
  const source = skeletonDir();
  let temporaries = 0;
  const ctx: ActionContext<any, any> = {
    logger: silent,
    input: {
      url: `./${path.basename(source)}`,
      values,
      copyWithoutTemplating: [...SKELETON_COPY_WITHOUT_TEMPLATING],
    },
    // fetch:template reads a relative url from disk below the folder of the template's location.
    templateInfo: {
      entityRef: 'template:default/evolution-todo-kubernetes',
      baseUrl: pathToFileURL(path.join(path.dirname(source), 'template.yaml'))
        .href,
    },
    workspacePath,
    task: { id: 'skeleton-test' },
    checkpoint: async ({ fn }) => fn(),
    output: () => {},
    createTemporaryDirectory: async () => {
      const dir = path.join(root, `tmp-${temporaries++}`);
      fs.mkdirSync(dir);
      return dir;
    },
    getInitiatorCredentials: async () => mockCredentials.user(),
  };
  await action.handler(ctx);
  return {
    dir: workspacePath,
    files: listFiles(workspacePath),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Every file below dir, relative and sorted. */
export function listFiles(dir: string): string[] {
  const walk = (relative: string): string[] =>
    fs
      .readdirSync(path.join(dir, relative), { withFileTypes: true })
      .flatMap(entry => {
        const child = path.posix.join(relative, entry.name);
        return entry.isDirectory() ? walk(child) : [child];
      });
  return walk('').sort();
}
