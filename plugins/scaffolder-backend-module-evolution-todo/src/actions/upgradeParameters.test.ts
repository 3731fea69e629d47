import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ANNOTATION_LOCATION, type Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ENTITY_ANNOTATIONS } from '@evolution-todo/plugin-evolution-todo-common';
import path from 'node:path';
import YAML from 'yaml';
import { runAction } from '../__testUtils__/runAction';
import { createRenderedRepository } from '../testUtils/repositories';
import { smallTemplate } from '../upgrade/__testUtils__/smallTemplate';
import { runGit } from '../upgrade/git';
import { createResolveParametersAction } from './resolveParameters';
import { createUpgradeParametersAction } from './upgradeParameters';
import { examples } from './upgradeParameters.examples';

const system = (name: string, location: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      [ANNOTATION_LOCATION]: location,
      [ENTITY_ANNOTATIONS.templateVersion]: '1.0.0',
    },
  },
  spec: { owner: 'group:default/todo-team' },
});

const goldenPathTemplate: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name: 'evolution-todo-kubernetes',
    namespace: 'default',
    annotations: { [ENTITY_ANNOTATIONS.templateVersion]: '1.1.0' },
  },
  spec: {},
};

// Real git repositories: longer than jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

describe('evolution-todo:upgrade:parameters', () => {
  const destination = createMockDirectory();
  const workspace = createMockDirectory();
  const repoDir = () => path.join(destination.path, 'todo');
  const action = (entities: Entity[]) =>
    createUpgradeParametersAction({
      config: mockServices.rootConfig({
        data: {
          evolutionTodo: { localPublish: { directory: destination.path } },
        },
      }),
      catalog: catalogServiceMock({ entities }),
    });
  const entities = () => [
    system('todo', `file:${repoDir()}/catalog-info.yaml`),
    system(
      'elsewhere',
      'url:https://github.com/acme/elsewhere/blob/main/catalog-info.yaml',
    ),
    system(
      'gitlab',
      'url:https://gitlab.example.com/acme/gitlab/-/blob/main/catalog-info.yaml',
    ),
    goldenPathTemplate,
  ];

  beforeAll(async () => {
    destination.clear();
    await createRenderedRepository(
      smallTemplate('1.0.0'),
      { name: 'todo', owner: 'group:default/todo-team' },
      repoDir(),
    );
  });

  it('outputs the recorded parameters with the changes applied, and the version to render', async () => {
    const { outputs, logs } = await runAction(
      action(entities()),
      {
        entityRef: 'system:default/todo',
        changes: 'backend:\n  replicas: 4\n',
      },
      { workspacePath: workspace.path },
    );

    const head = (
      await runGit(['rev-parse', 'main'], { cwd: repoDir() })
    ).stdout.trim();
    expect(outputs).toMatchObject({
      destination: 'local',
      repoPath: repoDir(),
      githubRepoUrl: '',
      repoUrl: `file://${repoDir()}`,
      baseBranch: 'main',
      baseCommit: head,
      fromVersion: '1.0.0',
      templateVersion: '1.1.0',
      // The System's owner in the catalog, for the permission policy's check of the upgrade step.
      owner: 'group:default/todo-team',
    });
    expect(outputs.parameters).toMatchObject({
      name: 'todo',
      owner: 'group:default/todo-team',
      backend: { replicas: 4, resources: { limits: { cpu: '500m' } } },
      frontend: { replicas: 3 },
    });
    // What the repository recorded, before the changes: the form's readers see it in the output.
    expect(YAML.parse(outputs.recordedParameters).backend.replicas).toBe(3);
    expect(logs.join('\n')).toContain(
      `was made with template 1.0.0; the template renders 1.1.0 now`,
    );
    expect(logs.join('\n')).toContain(
      'Changes applied:\nbackend:\n  replicas: 4',
    );
  });

  // The upgrade form's RecordedParameters field submits the whole record as the user edited it.
  describe('given the recorded parameters as the form submits them, edited', () => {
    const recordedText = async () =>
      (
        await runAction(
          action(entities()),
          { entityRef: 'system:default/todo' },
          { workspacePath: workspace.path },
        )
      ).outputs.recordedParameters as string;
    const edit = (text: string, keyPath: string[], value: unknown) => {
      const document = YAML.parseDocument(text);
      document.setIn(keyPath, value);
      return document.toString();
    };

    it('renders with the edited values and every other one as recorded; the resolve step accepts them', async () => {
      const recorded = await recordedText();
      const { outputs } = await runAction(
        action(entities()),
        {
          entityRef: 'system:default/todo',
          changes: edit(recorded, ['backend', 'replicas'], 5),
        },
        { workspacePath: workspace.path },
      );

      const expected = YAML.parse(recorded);
      expected.backend.replicas = 5;
      expect(outputs.parameters).toEqual(expected);
      const resolved = await runAction(
        createResolveParametersAction(),
        {
          templateVersion: outputs.templateVersion,
          parameters: outputs.parameters,
        },
        { workspacePath: workspace.path },
      );
      expect(resolved.outputs.skeletonValues).toMatchObject({
        name: 'todo',
        templateVersion: '1.1.0',
      });
    });

    it('is a no-op when submitted unchanged', async () => {
      const recorded = await recordedText();
      const { outputs } = await runAction(
        action(entities()),
        { entityRef: 'system:default/todo', changes: recorded },
        { workspacePath: workspace.path },
      );
      expect(outputs.parameters).toEqual(YAML.parse(recorded));
    });

    it('refuses a bad edit, naming the field and the rule', async () => {
      const recorded = await recordedText();
      await expect(
        runAction(
          action(entities()),
          {
            entityRef: 'system:default/todo',
            changes: edit(recorded, ['backend', 'replicas'], 'four'),
          },
          { workspacePath: workspace.path },
        ),
      ).rejects.toThrow(
        /^changes: the parameters they give are invalid, nothing was changed:\n {2}- backend\.replicas: /,
      );
    });
  });

  it('runs its example', async () => {
    const step = YAML.parse(examples[0].example).steps[0];
    const { outputs } = await runAction(action(entities()), step.input, {
      workspacePath: workspace.path,
    });
    expect(outputs.parameters.backend.replicas).toBe(4);
  });

  it.each([
    [
      { entityRef: 'system:default/elsewhere' },
      // On GitHub, read with the integration's token: app-config has none here.
      'entityRef (system:default/elsewhere): the GitHub integration for github.com has no credentials',
    ],
    [
      { entityRef: 'system:default/gitlab' },
      "entityRef (system:default/gitlab): its repository is not one of the local destination's",
    ],
    [
      { entityRef: 'system:default/gone' },
      'entityRef: system:default/gone is not in the catalog',
    ],
    [
      { entityRef: 'system:default/todo', changes: 'backend: [' },
      'changes: invalid YAML',
    ],
    [
      { entityRef: 'system:default/todo', changes: '- 1' },
      'changes: must be a mapping of parameters',
    ],
    [
      {
        entityRef: 'system:default/todo',
        changes: { backend: { replicas: 0 }, name: 'other' },
      },
      /changes: the parameters they give are invalid, nothing was changed:\n {2}- name: cannot change in an upgrade \(recorded: todo\)[^\n]*\n {2}- backend\.replicas: /,
    ],
  ])('refuses %j, naming the input and the rule', async (input, message) => {
    await expect(
      runAction(action(entities()), input, { workspacePath: workspace.path }),
    ).rejects.toThrow(message);
  });

  it('refuses a System whose repository carries no record', async () => {
    const plain = path.join(destination.path, 'plain');
    await runGit(['init', '-q', '-b', 'main', plain], {
      cwd: destination.path,
    });
    await runGit(['commit', '-q', '--allow-empty', '-m', 'init'], {
      cwd: plain,
      identity: { name: 'T', email: 't@example.com' },
    });
    await expect(
      runAction(
        action([
          system('plain', `file:${plain}/catalog-info.yaml`),
          goldenPathTemplate,
        ]),
        { entityRef: 'system:default/plain' },
        { workspacePath: workspace.path },
      ),
    ).rejects.toThrow(
      `${plain} cannot be upgraded: it has no .evolution-todo/parameters.yaml on main`,
    );
  });
});
