import {
  startScaffolderWithModule,
  type ScaffolderWithModule,
} from './testUtils/scaffolderBackend';

/**
 * The module inside the real scaffolder backend plugin: it registers exactly
 * these actions (a missing or an extra one is a change to review), and the
 * Template Editor's dry run executes them and shows the files they write.
 */
const EXPECTED_ACTION_IDS = [
  'evolution-todo:catalog:register-local',
  'evolution-todo:deploy',
  'evolution-todo:publish:github-template-branch',
  'evolution-todo:publish:local',
  'evolution-todo:render:chart',
  'evolution-todo:render:docker',
  'evolution-todo:render:manifests',
  'evolution-todo:resolve-parameters',
  'evolution-todo:upgrade',
  'evolution-todo:upgrade:github',
  'evolution-todo:upgrade:parameters',
  'evolution-todo:validate',
];

let scaffolder: ScaffolderWithModule;

beforeAll(async () => {
  scaffolder = await startScaffolderWithModule();
});

afterAll(() => scaffolder.stop());

describe('scaffolderModuleEvolutionTodo', () => {
  it('registers exactly the evolution-todo actions with the scaffolder', async () => {
    const response = await fetch(`${scaffolder.baseUrl}/v2/actions`);
    expect(response.status).toBe(200);
    const actions: { id: string; schema?: { input?: unknown } }[] =
      await response.json();

    const ours = actions.filter(a => a.id.startsWith('evolution-todo:'));
    expect(ours.map(a => a.id).sort()).toEqual(EXPECTED_ACTION_IDS);
    // The zod callbacks became JSON schemas the Template Editor can show.
    for (const action of ours) {
      expect(action.schema?.input).toMatchObject({ type: 'object' });
    }
  });

  it('renders and validates in a Template Editor dry run', async () => {
    const template = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'evolution-todo-dry-run' },
      spec: {
        type: 'service',
        parameters: [{ properties: { name: { type: 'string' } } }],
        steps: [
          {
            id: 'chart',
            action: 'evolution-todo:render:chart',
            input: { parameters: '${{ parameters }}' },
          },
          {
            id: 'manifests',
            action: 'evolution-todo:render:manifests',
            input: { parameters: '${{ parameters }}' },
          },
          { id: 'validate', action: 'evolution-todo:validate' },
        ],
        output: {
          text: [
            {
              title: 'Report',
              content: '${{ steps.validate.output.reportPath }}',
            },
          ],
        },
      },
    };
    const result = await scaffolder.dryRun({
      template,
      values: { name: 'todo' },
      directoryContents: [],
    });

    const files: string[] = result.directoryContents.map(
      (f: { path: string }) => f.path,
    );
    expect(files).toEqual(
      expect.arrayContaining([
        'helm/evolution-todo/Chart.yaml',
        'helm/evolution-todo/values.yaml',
        'k8s/deployments/backend.yaml',
        'k8s/secrets/db-secret.yaml.example',
        '.evolution-todo/validation-report.md',
      ]),
    );
    const messages: string[] = result.log.map(
      (e: { body: { message: string } }) => e.body.message,
    );
    expect(messages.some(m => m.includes('Validation passed'))).toBe(true);
    expect(result.output.text?.[0].content).toBe(
      '.evolution-todo/validation-report.md',
    );
  });
});
