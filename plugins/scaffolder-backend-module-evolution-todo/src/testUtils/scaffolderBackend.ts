/**
 * The scaffolder backend with this module, for tests:
 * `@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/scaffolderTestUtils`,
 * apart from `…/testUtils` because it loads backend packages.
 *
 * @packageDocumentation
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ScaffolderDryRunResponse } from '@backstage/plugin-scaffolder-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scaffolderModuleEvolutionTodo } from '../module';

/** What POST /v2/dry-run answers: the files the steps wrote, their log, the steps and the template's output. */
export type ScaffolderDryRunResult = ScaffolderDryRunResponse;

/** A file as a dry run takes and returns it. */
export type DryRunFile = ScaffolderDryRunResponse['directoryContents'][number];

export interface ScaffolderWithModule {
  /** The scaffolder's API, e.g. `${baseUrl}/v2/actions`. */
  baseUrl: string;
  /** POST /v2/dry-run as the Template Editor does; an answer other than 200 throws with its error. */
  dryRun(body: {
    template: unknown;
    values: unknown;
    directoryContents: DryRunFile[];
  }): Promise<ScaffolderDryRunResult>;
  stop(): Promise<void>;
}

/**
 * The real scaffolder backend plugin with this module on a test backend, the
 * catalog mocked: what the Template Editor talks to, for this module's test and
 * the CLI's comparison with a dry run. The local destination points at a
 * scratch folder (a dry run publishes nothing there).
 */
export async function startScaffolderWithModule(): Promise<ScaffolderWithModule> {
  const tmp = fs.mkdtempSync(
    path.join(os.tmpdir(), 'evolution-todo-scaffolder-'),
  );
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleEvolutionTodo,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: {
          evolutionTodo: {
            localPublish: { directory: path.join(tmp, 'repos') },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as { port: number };
  const baseUrl = `http://localhost:${port}/api/scaffolder`;
  return {
    baseUrl,
    async dryRun(body) {
      const response = await fetch(`${baseUrl}/v2/dry-run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const result = await response.json();
      // The body explains a failure (an action's error, a template problem).
      if (response.status !== 200) {
        throw new Error(
          `dry-run answered ${response.status}: ${JSON.stringify(
            result.error,
          )}`,
        );
      }
      return result;
    },
    async stop() {
      await backend.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
