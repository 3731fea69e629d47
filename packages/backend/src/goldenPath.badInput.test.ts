import type { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import path from 'node:path';
import { stepReport } from './__testUtils__/assertions';
import { readTree } from './__testUtils__/expectedRepository';
import {
  startGoldenPathBackend,
  type GoldenPathBackend,
} from './__testUtils__/goldenPathBackend';
import { readTemplate, submittedValues } from './testUtils/templateForm';

// Bad form input stops the golden path before anything is published or registered, and the
// failure names the field. The form's JSON Schema catches what it can when the task is created
// (the scaffolder answers 400); the rest is caught by the template's first step
// (evolution-todo:resolve-parameters, the common parameter schema), which names the field.
// The taken local destination is refused by the publish step, before it writes anything.

const OWNER = 'group:default/todo-team';
const TAKEN = 'taken';

const NOT_CHOSEN = {
  'publish-github': 'skipped',
  'template-branch-github': 'skipped',
  'register-github': 'skipped',
  deploy: 'skipped',
};

describe('bad form input', () => {
  let backend: GoldenPathBackend;
  let before: Awaited<ReturnType<typeof publishedState>>;

  /**
   * Everything a task could have published or registered: the folders under the
   * local destination, the pre-existing repository's files (content and mtime),
   * the catalog's locations and entities.
   */
  async function publishedState() {
    const takenDir = path.join(backend.localReposDir, TAKEN);
    return {
      folders: fs.readdirSync(backend.localReposDir).sort(),
      taken: [...readTree(takenDir)].map(([file, content]) => ({
        file,
        content: content.toString('utf8'),
        mtimeMs: fs.statSync(path.join(takenDir, file)).mtimeMs,
      })),
      locations: await backend.api.locationTargets(),
      entities: await backend.api.entityRefs(),
    };
  }

  beforeAll(async () => {
    backend = await startGoldenPathBackend();
    // Someone published "taken" before: a repository with work in it.
    const takenDir = path.join(backend.localReposDir, TAKEN);
    fs.mkdirSync(path.join(takenDir, 'docs'), { recursive: true });
    fs.writeFileSync(
      path.join(takenDir, 'README.md'),
      "# taken\nSomeone else's work.\n",
    );
    fs.writeFileSync(path.join(takenDir, 'docs/notes.md'), 'keep me\n');
    before = await publishedState();
  }, 60_000);

  afterAll(() => backend?.stop());

  const formValues = (answers: JsonObject) =>
    submittedValues(readTemplate(), { owner: OWNER, ...answers });

  it.each([
    ['Bad_Name', 'does not match pattern'],
    ['a'.repeat(41), 'does not meet maximum length of 40'],
  ])(
    'refuses the name %j when the task is created, naming the field',
    async (name, rule) => {
      const res = await backend.api.createTask(formValues({ name }));

      expect(res.status).toBe(400);
      const { errors } = (await res.json()) as {
        errors: Array<{ property: string; message: string }>;
      };
      expect(errors).toContainEqual(
        expect.objectContaining({
          property: 'instance.name',
          message: expect.stringContaining(rule),
        }),
      );
      expect(await publishedState()).toEqual(before);
    },
  );

  it('refuses an invalid name in the Template Editor dry-run too', async () => {
    const res = await backend.api.dryRun({
      template: readTemplate(),
      values: formValues({ name: 'Bad_Name' }),
      directoryContents: [],
    });

    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('instance.name');
    expect(await publishedState()).toEqual(before);
  });

  // A whole task up to publish: like the other golden path tests, more than Jest's default 5 s.
  it('fails at the publish step when the local destination is taken, naming it', async () => {
    const task = await backend.api.runTask(formValues({ name: TAKEN }));

    expect(task.status).toBe('failed');
    const expectedSteps = {
      resolve: 'completed',
      skeleton: 'completed',
      chart: 'completed',
      manifests: 'completed',
      docker: 'completed',
      validate: 'completed',
      'publish-local': 'failed',
      'register-local': 'skipped',
      ...NOT_CHOSEN,
    };
    expect(stepReport(task.steps, expectedSteps, task.log.join('\n'))).toEqual({
      statuses: expectedSteps,
      log: '',
    });
    expect(task.log.join('\n')).toContain(
      `repoName: the local destination ${path.join(
        backend.localReposDir,
        TAKEN,
      )} already exists; choose another name`,
    );
    // No staging folder left behind, the existing repository untouched, nothing registered.
    expect(await publishedState()).toEqual(before);
  }, 30_000);

  it.each([
    [
      'autoscaling minReplicas above maxReplicas',
      {
        backend: {
          autoscaling: { enabled: true, minReplicas: 5, maxReplicas: 3 },
        },
      },
      'backend.autoscaling.minReplicas: must not exceed maxReplicas (3)',
    ],
    [
      'a CPU request above its limit',
      { mcp: { resources: { requests: { cpu: '2' } } } },
      'mcp.resources.requests.cpu: must not exceed limits.cpu (200m)',
    ],
    [
      'the image tag "latest"',
      { imageTag: 'latest' },
      'imageTag: must be a pinned version, not "latest"',
    ],
  ])(
    'fails on %s in the first step, before anything is fetched, naming the field',
    async (_what, answers, message) => {
      // JSON Schema cannot compare two fields (or refuse one word): the form lets these through.
      const taskId = await backend.api.startTask(
        formValues({ name: 'fresh', ...answers }),
      );
      const task = await backend.api.waitForTask(taskId);

      expect(task.status).toBe('failed');
      const expectedSteps = {
        resolve: 'failed',
        skeleton: 'skipped',
        chart: 'skipped',
        manifests: 'skipped',
        docker: 'skipped',
        validate: 'skipped',
        'publish-local': 'skipped',
        'register-local': 'skipped',
        ...NOT_CHOSEN,
      };
      expect(
        stepReport(task.steps, expectedSteps, task.log.join('\n')),
      ).toEqual({ statuses: expectedSteps, log: '' });
      expect(task.log.join('\n')).toContain(message);
      expect(await publishedState()).toEqual(before);
    },
  );
});
