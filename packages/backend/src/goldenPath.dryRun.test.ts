import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  APP_COMPONENTS,
  COMPONENT_PORTS,
  LABELS,
} from '@evolution-todo/plugin-evolution-todo-common';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { stepReport } from './__testUtils__/assertions';
import type { DryRunResult } from './__testUtils__/backendApi';
import {
  expectedEntities,
  selections,
  type KubeObject,
} from './__testUtils__/catalogExpectations';
import {
  ALWAYS_PRESENT,
  compareTrees,
  expectedRepository,
  specOf,
  treeFromDirectoryContents,
  type FileTree,
} from './__testUtils__/expectedRepository';
import {
  startGoldenPathBackend,
  type GoldenPathBackend,
} from './__testUtils__/goldenPathBackend';
import {
  expectedStepStatuses,
  readTemplate,
  submittedValues,
  templateDirectoryContents,
} from './testUtils/templateForm';

// The Template Editor's dry-run of templates/evolution-todo/template.yaml through the
// real scaffolder backend: every step that supports dry-run runs, nothing is published
// or registered, and the response carries the workspace the steps produced.

const OWNER = 'group:default/todo-team';

function kubernetesObjects(tree: FileTree): KubeObject[] {
  return [...tree]
    .filter(([file]) => file.startsWith('k8s/') && file.endsWith('.yaml'))
    .flatMap(([, content]) =>
      YAML.parseAllDocuments(content.toString('utf8')).map(d => d.toJS()),
    )
    .filter(o => o && typeof o.kind === 'string');
}

function stepStatuses(result: DryRunResult): Record<string, string> {
  const statuses: Record<string, string> = {};
  for (const { body } of result.log) {
    if (body.stepId && body.status) statuses[body.stepId] = body.status;
  }
  return statuses;
}

describe('Template Editor dry-run of the evolution-todo template', () => {
  let backend: GoldenPathBackend;

  beforeAll(async () => {
    backend = await startGoldenPathBackend();
  }, 60_000);

  afterAll(() => backend?.stop());

  async function dryRun(answers: JsonObject) {
    const template = readTemplate();
    const values = submittedValues(template, answers);
    const res = await backend.api.dryRun({
      template,
      values,
      directoryContents: templateDirectoryContents(),
    });
    const body = await res.text();
    if (res.status !== 200) {
      throw new Error(`dry-run answered ${res.status}: ${body}`);
    }
    const result = JSON.parse(body) as DryRunResult;
    return {
      values,
      spec: specOf(values),
      result,
      statuses: stepStatuses(result),
      log: result.log.map(l => l.body.message).join('\n'),
      tree: treeFromDirectoryContents(result.directoryContents),
    };
  }

  describe('with the default form and a name', () => {
    let run: Awaited<ReturnType<typeof dryRun>>;

    beforeAll(async () => {
      run = await dryRun({ name: 'todo', owner: OWNER });
    }, 30_000);

    it('runs every step of the local destination and skips the others', () => {
      const expectedSteps = expectedStepStatuses(readTemplate(), {
        parameters: run.values,
      });
      expect(expectedSteps).toMatchObject({
        'publish-local': 'completed',
        'publish-github': 'skipped',
        deploy: 'skipped',
      });
      expect(stepReport(run.statuses, expectedSteps, run.log)).toEqual({
        statuses: expectedSteps,
        log: '',
      });
    });

    it('returns every file the golden path generates', () => {
      for (const file of ALWAYS_PRESENT) {
        expect([...run.tree.keys()]).toContain(file);
      }
      const files = [...run.tree.keys()];
      expect(
        files.filter(f => f.startsWith('helm/evolution-todo/templates/'))
          .length,
      ).toBeGreaterThan(10);
      expect(
        files.filter(f => f.startsWith('k8s/monitoring/')).length,
      ).toBeGreaterThan(0);
      expect(files.filter(f => f.startsWith('logging/'))).not.toEqual([]);
    });

    it("is exactly the repository the module's actions make of the form's parameters", async () => {
      const expected = await expectedRepository(run.values);
      expect(compareTrees(run.tree, expected)).toEqual({
        missing: [],
        unexpected: [],
        different: [],
      });
    });

    it("keeps the CI workflow's own ${{ }} expressions intact", () => {
      // (File modes are not checked here: the Template Editor uploads no modes. The local
      // destination test checks that the scripts are committed executable.)
      const workflow = run.tree
        .get('.github/workflows/ci.yaml')!
        .toString('utf8');
      expect(workflow).toMatch(/\$\{\{\s*[a-z]/);
      expect(YAML.parse(workflow).jobs).toBeDefined();
    });

    it('writes catalog entities whose Kubernetes annotations select the rendered objects', () => {
      const entities: Entity[] = YAML.parseAllDocuments(
        run.tree.get('catalog-info.yaml')!.toString('utf8'),
      ).map(d => d.toJS());
      const byRef = new Map(
        entities.map(e => [
          `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
          e,
        ]),
      );
      const expected = expectedEntities(run.spec);

      expect([...byRef.keys()].sort()).toEqual(expected.map(e => e.ref).sort());
      for (const want of expected) {
        expect(byRef.get(want.ref)!.metadata.annotations).toMatchObject(
          want.annotations,
        );
        expect(byRef.get(want.ref)!.spec?.owner).toBe(OWNER);
      }
      const selected = selections(
        expected,
        ref => byRef.get(ref)!,
        kubernetesObjects(run.tree),
      );
      expect(selected.actual).toEqual(selected.expected);
    });

    it("puts the form's values into the chart's values.yaml", () => {
      const values = YAML.parse(
        run.tree.get('helm/evolution-todo/values.yaml')!.toString('utf8'),
      );
      const form = run.values as any;
      for (const component of APP_COMPONENTS) {
        expect(values[component]).toMatchObject({
          replicas: form[component].replicas,
          resources: form[component].resources,
          autoscaling: form[component].autoscaling,
          image: {
            repository: `${form.imageRegistry}/todo-${component}`,
            tag: form.imageTag,
          },
        });
      }
      expect(values.ingress).toMatchObject({
        ...form.ingress,
        host: 'todo.localhost',
      });
      expect(values.postgres).toMatchObject({ storage: form.postgres.storage });
      expect(values.postgres.image.tag).toMatch(
        new RegExp(`^${form.postgres.version}\\.`),
      );
      expect(values.redis.enabled).toBe(form.redis.enabled);
      expect(values.monitoring).toMatchObject(form.monitoring);
      expect(values.logging).toEqual(form.logging);
      // Each blue-green colour's tag defaults to the form's image tag.
      expect(values.rollout).toEqual({
        ...form.rollout,
        blue: { imageTag: form.imageTag },
        green: { imageTag: form.imageTag },
      });
    });

    it('builds each image for the port its Service and probes use', () => {
      for (const component of APP_COMPONENTS) {
        const dockerfile = run.tree
          .get(`docker/${component}/Dockerfile`)!
          .toString('utf8');
        expect(dockerfile).toMatch(
          new RegExp(`^EXPOSE ${COMPONENT_PORTS[component]}\\b`, 'm'),
        );
        expect(dockerfile).toMatch(/^USER \d{5,}/m);
      }
    });

    it('renders the output links and the validation summary', () => {
      const repo = pathToFileURL(path.join(backend.localReposDir, 'todo')).href;
      expect(run.result.output).toMatchObject({
        links: expect.arrayContaining([
          { title: 'Repository', url: repo },
          expect.objectContaining({
            entityRef: 'component:default/todo-frontend',
          }),
          {
            title: 'Validation report',
            url: `${repo}/.evolution-todo/validation-report.md`,
          },
        ]),
        text: [
          expect.objectContaining({
            title: 'Validation report',
            content: expect.stringMatching(/\*\*0 errors,/),
          }),
        ],
      });
    });
  });

  it('follows non-default answers into every artifact', async () => {
    const run = await dryRun({
      name: 'shop',
      owner: OWNER,
      namespace: 'apps',
      ingress: { host: 'shop.example.com' },
      frontend: { replicas: 4 },
      redis: { enabled: false },
      logging: { stack: 'fluentd' },
      rollout: { strategy: 'blue-green', activeColor: 'green' },
      imageTag: '1.4.2',
    });
    const expectedSteps = expectedStepStatuses(readTemplate(), {
      parameters: run.values,
    });
    expect(stepReport(run.statuses, expectedSteps, run.log)).toEqual({
      statuses: expectedSteps,
      log: '',
    });
    expect(
      compareTrees(run.tree, await expectedRepository(run.values)),
    ).toEqual({
      missing: [],
      unexpected: [],
      different: [],
    });

    const files = [...run.tree.keys()];
    expect(files).toEqual(
      expect.arrayContaining([
        'logging/fluentd-values.yaml',
        'logging/fluent-bit-values.yaml',
      ]),
    );
    expect(files).not.toContain('logging/loki-values.yaml');

    const entities: Entity[] = YAML.parseAllDocuments(
      run.tree.get('catalog-info.yaml')!.toString('utf8'),
    ).map(d => d.toJS());
    expect(entities.map(e => e.metadata.name)).not.toContain('shop-redis');
    for (const entity of entities) {
      expect(
        entity.metadata.annotations?.['backstage.io/kubernetes-namespace'],
      ).toBe('apps');
    }
    const objects = kubernetesObjects(run.tree);
    expect(objects.every(o => o.metadata.namespace === 'apps')).toBe(true);
    expect(
      objects.filter(o => o.metadata.labels?.[LABELS.component] === 'redis'),
    ).toEqual([]);

    const values = YAML.parse(
      run.tree.get('helm/evolution-todo/values.yaml')!.toString('utf8'),
    );
    expect(values.frontend.replicas).toBe(4);
    expect(values.frontend.image.tag).toBe('1.4.2');
    expect(values.ingress.host).toBe('shop.example.com');
    expect(values.rollout).toEqual({
      strategy: 'blue-green',
      activeColor: 'green',
      blue: { imageTag: '1.4.2' },
      green: { imageTag: '1.4.2' },
      keepIdleWarm: false,
    });
  });
});
