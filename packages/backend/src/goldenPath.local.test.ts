import {
  ANNOTATION_LOCATION,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  type Entity,
} from '@backstage/catalog-model';
import { LABELS } from '@evolution-todo/plugin-evolution-todo-common';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { stepReport } from './__testUtils__/assertions';
import type { FinishedTask } from './__testUtils__/backendApi';
import {
  expectedEntities,
  selections,
  type KubeObject,
} from './__testUtils__/catalogExpectations';
import {
  ALWAYS_PRESENT,
  compareTrees,
  expectedRepository,
  readTree,
  specOf,
  validateRepository,
} from './__testUtils__/expectedRepository';
import {
  readCommittedRepository,
  uncommittedChanges,
  type CommittedRepository,
} from './__testUtils__/gitRepository';
import {
  startGoldenPathBackend,
  type GoldenPathBackend,
} from './__testUtils__/goldenPathBackend';
import { startPostgres, type PostgresServer } from './__testUtils__/postgres';
import { TEST_DATABASES } from './__testUtils__/databases';
import { readTemplate, submittedValues } from './testUtils/templateForm';

// A real task of the evolution-todo template with the default destination ("This machine"):
// the scaffolder runs every step, evolution-todo:publish:local commits the workspace as a git
// repository under evolutionTodo.localPublish.directory, and evolution-todo:catalog:register-local
// registers its catalog-info.yaml, after which the catalog serves the new entities.

const NAME = 'todo';
const OWNER = 'group:default/todo-team';

// The same task on both databases the portal runs on: SQLite locally, PostgreSQL in production.
describe.each(TEST_DATABASES)(
  'a task with the local destination (%s)',
  database => {
    let postgres: PostgresServer | undefined;
    let backend: GoldenPathBackend;
    let task: FinishedTask;
    let values: ReturnType<typeof submittedValues>;
    let repoDir: string;

    beforeAll(async () => {
      postgres = database === 'PostgreSQL' ? await startPostgres() : undefined;
      backend = await startGoldenPathBackend({ postgres });
      values = submittedValues(readTemplate(), { name: NAME, owner: OWNER });
      task = await backend.api.runTask(values);
      repoDir = path.join(backend.localReposDir, NAME);
    }, 90_000);

    afterAll(async () => {
      await backend?.stop();
      await postgres?.stop();
    }, 30_000);

    if (database === 'PostgreSQL') {
      it("keeps the task and the registration in PostgreSQL, in each plugin's database", async () => {
        const tasks = await postgres!.query<{ id: string; status: string }>(
          'backstage_plugin_scaffolder',
          'select id, status from tasks',
        );
        expect(tasks).toEqual([{ id: task.id, status: 'completed' }]);
        const locations = await postgres!.query<{ target: string }>(
          'backstage_plugin_catalog',
          "select target from locations where type = 'file'",
        );
        expect(locations.map(l => l.target)).toContain(
          path.join(repoDir, 'catalog-info.yaml'),
        );
      });
    }

    it('completes every step of the local destination', () => {
      const expectedSteps = {
        resolve: 'completed',
        skeleton: 'completed',
        chart: 'completed',
        manifests: 'completed',
        docker: 'completed',
        validate: 'completed',
        'publish-local': 'completed',
        'register-local': 'completed',
        'publish-github': 'skipped',
        'template-branch-github': 'skipped',
        'register-github': 'skipped',
        deploy: 'skipped',
      };
      expect(
        stepReport(task.steps, expectedSteps, task.log.join('\n')),
      ).toEqual({
        statuses: expectedSteps,
        log: '',
      });
      expect(task.status).toBe('completed');
    });

    it('links the repository, the system and the validation report', () => {
      const repoUrl = pathToFileURL(repoDir).href;
      expect(task.output).toEqual({
        links: [
          { title: 'Repository', url: repoUrl },
          {
            title: 'Open the system in the catalog',
            icon: 'catalog',
            entityRef: `system:default/${NAME}`,
          },
          {
            title: 'Open the frontend component',
            icon: 'catalog',
            entityRef: `component:default/${NAME}-frontend`,
          },
          {
            title: 'Validation report',
            url: `${repoUrl}/.evolution-todo/validation-report.md`,
          },
        ],
        text: [
          {
            title: 'Validation report',
            content: expect.stringMatching(
              /^\*\*0 errors, \d+ warnings?\*\*\nin [1-9]\d* Kubernetes objects/,
            ),
          },
        ],
      });
    });

    describe('the published repository', () => {
      let repo: CommittedRepository;

      beforeAll(async () => {
        repo = await readCommittedRepository({ dir: repoDir });
      });

      it('is the only new folder under the configured directory', () => {
        expect(fs.readdirSync(backend.localReposDir)).toEqual([NAME]);
      });

      it('has one commit on main holding every generated file, and nothing uncommitted', async () => {
        expect(repo.commits).toHaveLength(1);
        expect(await git.currentBranch({ fs, dir: repoDir })).toBe('main');
        expect(await uncommittedChanges(repoDir)).toEqual([]);
        expect(repo.files).toEqual(expect.arrayContaining(ALWAYS_PRESENT));

        const expected = await expectedRepository(values);
        expect(repo.files).toEqual([...expected.keys()].sort());
        expect(compareTrees(readTree(repoDir), expected)).toEqual({
          missing: [],
          unexpected: [],
          different: [],
        });
      });

      it('commits the scripts as executable files', async () => {
        const modes = new Map<string, number>();
        await git.walk({
          fs,
          dir: repoDir,
          trees: [git.TREE({ ref: 'main' })],
          map: async (filepath, [entry]) => {
            if (
              filepath.startsWith('scripts/') &&
              (await entry!.type()) === 'blob'
            ) {
              modes.set(filepath, await entry!.mode());
            }
            return filepath;
          },
        });
        for (const script of [
          'build-images',
          'deploy',
          'rollback',
          'switch-color',
        ]) {
          expect(modes.get(`scripts/${script}.sh`)?.toString(8)).toBe('100755');
        }
      });

      it('passes the validation gate (evolution-todo:validate) with 0 errors', async () => {
        const { summary, failure } = await validateRepository(repoDir);
        expect(failure).toBeUndefined();
        expect(summary).toEqual({
          errors: 0,
          warnings: expect.any(Number),
          objects: expect.any(Number),
          // docker/frontend, docker/backend and docker/mcp, checked with the objects.
          dockerfiles: 3,
        });
        expect(summary.objects).toBeGreaterThan(0);
      });
    });

    describe('the catalog', () => {
      let entities: Map<string, Entity>;
      const spec = () => specOf(values);

      beforeAll(async () => {
        entities = await backend.api.waitForEntities(
          expectedEntities(spec()).map(e => e.ref),
        );
      }, 30_000);

      it('holds the System, the three Components and the two Resources, owned by the chosen team', () => {
        for (const want of expectedEntities(spec())) {
          const entity = entities.get(want.ref)!;
          expect(entity.kind).toBe(want.kind);
          expect(entity.relations).toContainEqual({
            type: RELATION_OWNED_BY,
            targetRef: OWNER,
          });
          expect(entity.metadata.annotations?.[ANNOTATION_LOCATION]).toBe(
            `file:${path.join(repoDir, 'catalog-info.yaml')}`,
          );
        }
        const system = entities.get(`system:default/${NAME}`)!;
        expect(
          system.relations
            ?.filter(r => r.type === RELATION_HAS_PART)
            .map(r => r.targetRef)
            .sort(),
        ).toEqual(
          expectedEntities(spec())
            .filter(e => e.kind !== 'System')
            .map(e => e.ref)
            .sort(),
        );
      });

      it('annotates each entity with the kubernetes-id, namespace and label selector of the naming helpers', () => {
        for (const want of expectedEntities(spec())) {
          expect(entities.get(want.ref)!.metadata.annotations).toMatchObject(
            want.annotations,
          );
        }
      });

      // k8s/ holds the objects `helm template` renders from the published chart with its
      // values.yaml; the module's parity test proves that with Helm 3 and 4.
      it('selects, for each entity, its own objects of the published k8s/ manifests', () => {
        const objects: KubeObject[] = [...readTree(path.join(repoDir, 'k8s'))]
          .filter(([file]) => file.endsWith('.yaml'))
          .flatMap(([, content]) =>
            YAML.parseAllDocuments(content.toString('utf8')).map(d => d.toJS()),
          );
        expect(objects.length).toBeGreaterThan(0);
        expect(
          objects.filter(
            o => o.metadata.labels?.[LABELS.kubernetesId] !== NAME,
          ),
        ).toEqual([]);

        const { actual, expected } = selections(
          expectedEntities(spec()),
          ref => entities.get(ref)!,
          objects,
        );
        expect(actual).toEqual(expected);
      });
    });
  },
);
