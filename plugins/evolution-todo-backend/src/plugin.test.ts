import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ANNOTATION_LOCATION, type Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ENTITY_ANNOTATIONS,
  type RecordedParametersResponse,
} from '@evolution-todo/plugin-evolution-todo-common';
import { createRecordedRepository } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils';
import path from 'node:path';
import YAML from 'yaml';
import evolutionTodoPlugin from '.';

const system = (
  name: string,
  location: string,
  annotations: Record<string, string> = {
    [ENTITY_ANNOTATIONS.templateVersion]: '1.0.0',
  },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name,
    namespace: 'default',
    annotations: { [ANNOTATION_LOCATION]: location, ...annotations },
  },
  spec: { owner: 'group:default/todo-team' },
});

// A real git repository and a backend per file: longer than jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

describe('GET /api/evolution-todo/recorded-parameters', () => {
  const destination = createMockDirectory();
  const repoDir = () => path.join(destination.path, 'todo');
  let baseUrl: string;
  let stop: () => Promise<void>;
  const logged: string[] = [];

  beforeAll(async () => {
    destination.clear();
    await createRecordedRepository({
      repoDir: repoDir(),
      parameters: {
        name: 'todo',
        owner: 'group:default/todo-team',
        backend: { replicas: 3 },
      },
      templateVersion: '1.0.0',
    });
    const logger = mockServices.logger.mock();
    for (const level of ['info', 'warn', 'error', 'debug'] as const) {
      logger[level].mockImplementation((message: string) => {
        logged.push(message);
      });
    }
    logger.child.mockReturnValue(logger);
    const { server } = await startTestBackend({
      features: [
        evolutionTodoPlugin,
        mockServices.rootConfig.factory({
          data: {
            evolutionTodo: { localPublish: { directory: destination.path } },
          },
        }),
        logger.factory,
        // A request without a token has no credentials (the mock's default is a user).
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogServiceMock.factory({
          entities: [
            system('todo', `file:${repoDir()}/catalog-info.yaml`),
            system('unrecorded', `file:${repoDir()}/catalog-info.yaml`, {}),
            system(
              'elsewhere',
              `file:${path.dirname(
                destination.path,
              )}/elsewhere/catalog-info.yaml`,
            ),
          ],
        }),
      ],
    });
    baseUrl = `http://localhost:${server.port()}/api/evolution-todo`;
    stop = () => server.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  const get = (entityRef: string | undefined, headers = userHeaders()) =>
    fetch(
      `${baseUrl}/recorded-parameters${
        entityRef === undefined
          ? ''
          : `?entityRef=${encodeURIComponent(entityRef)}`
      }`,
      { headers },
    );
  function userHeaders(): Record<string, string> {
    return {
      Authorization: mockCredentials.user.header('user:default/alice'),
    };
  }
  const errorOf = async (response: Response) =>
    ((await response.json()) as { error: { message: string } }).error.message;

  it("answers with the System's record: version, parameters as YAML with defaults, and where it was read", async () => {
    const response = await get('system:default/todo');
    expect(response.status).toBe(200);
    const body = (await response.json()) as RecordedParametersResponse;
    expect(body.templateVersion).toBe('1.0.0');
    const parameters = YAML.parse(body.parameters);
    expect(parameters).toMatchObject({
      name: 'todo',
      owner: 'group:default/todo-team',
      backend: { replicas: 3 },
      frontend: { replicas: expect.any(Number) },
    });
    expect(body.source).toEqual({
      destination: 'local',
      repoUrl: expect.stringMatching(/^file:\/\/.*\/todo$/),
      branch: 'main',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      path: '.evolution-todo/parameters.yaml',
    });
    expect(logged.join('\n')).toContain('system:default/todo');
  });

  it('takes a short ref (default namespace)', async () => {
    expect((await get('todo')).status).toBe(200);
  });

  it('refuses requests without a user', async () => {
    expect((await get('system:default/todo', {})).status).toBe(401);
    const service = await get('system:default/todo', {
      Authorization: mockCredentials.service.header(),
    });
    expect(service.status).toBe(403);
  });

  it('is a 404, naming the field, for a System the catalog does not show the user', async () => {
    const response = await get('system:default/nowhere');
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toBe(
      'entityRef: system:default/nowhere is not in the catalog, or you may not read it',
    );
  });

  it('is a 400 for a System without the template-version annotation, and for what is no System', async () => {
    const unrecorded = await get('system:default/unrecorded');
    expect(unrecorded.status).toBe(400);
    expect(await errorOf(unrecorded)).toBe(
      'entityRef: system:default/unrecorded has no evolution-todo.dev/template-version annotation; only Systems the evolution-todo golden path made record their parameters',
    );
    const component = await get('component:default/todo');
    expect(component.status).toBe(400);
    expect(await errorOf(component)).toBe(
      'entityRef: must be a System (got component:default/todo)',
    );
    const missing = await get(undefined);
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toBe(
      'entityRef: required, a System like system:default/todo',
    );
  });

  it("is a 400 naming the entity when its repository is not the local destination's", async () => {
    const response = await get('system:default/elsewhere');
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatch(
      /^entityRef \(system:default\/elsewhere\): its repository is not one of the local destination's/,
    );
  });
});
