import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { http } from 'msw';
import { parse } from 'yaml';
import { createRecordingContext } from '../__testUtils__/actionContext';
import {
  FakeKubeApi,
  kubernetesStatus,
} from '../deploy/__testUtils__/fakeKubeApi';
import { sampleManifestFiles } from '../deploy/__testUtils__/sampleManifests';
import { createDeployAction } from './deploy';
import { examples } from './deploy.examples';

const TOKEN = 'example-token-0c5e-must-never-be-logged';

describe('evolution-todo:deploy examples', () => {
  const mockDir = createMockDirectory();
  let fake: FakeKubeApi;

  beforeEach(async () => {
    fake = await FakeKubeApi.start({ token: TOKEN });
  });

  afterEach(async () => {
    await fake.close();
  });

  /**
   * Runs the example's step against the fake API server. The example's
   * cluster "local" is configured to point at the fake, and an example API
   * URL is swapped for the fake's address (plain HTTP, hence skipTLSVerify).
   */
  async function runExample(index: number) {
    const step = parse(examples[index].example).steps[0];
    expect(step.action).toBe('evolution-todo:deploy');
    const input = { ...step.input };
    if (input.apiUrl)
      Object.assign(input, { apiUrl: fake.url, skipTLSVerify: true });
    mockDir.setContent(sampleManifestFiles(input.namespace));

    const action = createDeployAction({
      config: mockServices.rootConfig({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'local',
                    url: fake.url,
                    serviceAccountToken: TOKEN,
                    skipTLSVerify: true,
                  },
                ],
              },
            ],
          },
        },
      }),
    });
    const recording = createRecordingContext({
      input,
      workspacePath: mockDir.path,
      secrets: { kubernetesToken: TOKEN },
    });
    await action.handler(recording.ctx);
    return { input, ...recording };
  }

  it('deploys to the configured cluster, creating the namespace and waiting for rollouts', async () => {
    const { input, outputs, logs } = await runExample(0);

    expect(fake.applies[0].path).toBe(`/api/v1/namespaces/${input.namespace}`);
    expect(
      fake.applies[0].body.metadata.labels[
        'pod-security.kubernetes.io/enforce'
      ],
    ).toBe('restricted');
    expect(fake.applies).toHaveLength(10);
    expect(outputs.summary).toBe('10 created');
    expect(logs.map(entry => entry.message)).toContain(
      'All 2 workload(s) rolled out',
    );
  });

  it('dry-runs against an explicit API URL with the token from the task secrets', async () => {
    fake.seed({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'todo-demo' },
    });

    const { outputs } = await runExample(1);

    expect(fake.applies).toHaveLength(9);
    for (const request of fake.applies) {
      expect(request.query.dryRun).toBe('All');
      expect(request.authorization).toBe(`Bearer ${TOKEN}`);
    }
    expect(fake.objects.size).toBe(1);
    expect(outputs.dryRun).toBe(true);
  });

  it('takes over fields with force and keeps going past a failed object', async () => {
    fake.seed({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'todo-demo' },
    });
    fake.use(
      http.patch(
        `${fake.url}/apis/policy/v1/namespaces/todo-demo/poddisruptionbudgets/todo-backend`,
        () =>
          kubernetesStatus(
            403,
            'Forbidden',
            'poddisruptionbudgets.policy "todo-backend" is forbidden',
          ),
      ),
    );

    const { outputs } = await runExample(2);

    expect(fake.applies).toHaveLength(9);
    for (const request of fake.applies)
      expect(request.query.force).toBe('true');
    expect(outputs.summary).toBe('8 created, 1 failed');
  });
});
