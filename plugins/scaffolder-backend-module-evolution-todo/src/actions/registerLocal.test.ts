import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  ResponseError,
  serializeError,
} from '@backstage/errors';

/** The body the backend's error handler sends for an error. */
const serializeError409 = (error: Error) => ({
  error: serializeError(error),
  request: { method: 'POST', url: '/api/catalog/locations' },
  response: { statusCode: 409 },
});
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import path from 'node:path';
import YAML from 'yaml';
import { runAction } from '../__testUtils__/runAction';
import { createRegisterLocalAction } from './registerLocal';
import { examples } from './registerLocal.examples';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
});

describe('evolution-todo:catalog:register-local', () => {
  const destination = createMockDirectory();
  const workspace = createMockDirectory();
  const config = mockServices.rootConfig({
    data: { evolutionTodo: { localPublish: { directory: destination.path } } },
  });

  beforeEach(() => {
    destination.setContent({ 'todo/catalog-info.yaml': 'kind: System\n' });
  });

  function setUp(options: { servedAfterCalls?: number } = {}) {
    let lookups = 0;
    const catalog = catalogServiceMock.mock({
      // The catalog serves the entities after a few lookups, as after its first processing pass.
      getEntitiesByRefs: jest.fn(async ({ entityRefs }) => {
        lookups += 1;
        return {
          items: entityRefs.map(ref =>
            lookups > (options.servedAfterCalls ?? 0)
              ? entity('System', ref)
              : undefined,
          ),
        };
      }),
      addLocation: jest.fn(async request => ({
        location: {
          id: 'l1',
          type: request.type ?? 'url',
          target: request.target,
          entityRef: 'location:default/generated-1',
        },
        entities: request.dryRun
          ? [
              entity('Location', 'generated-1'),
              entity('Component', 'todo-frontend'),
              entity('System', 'todo'),
            ]
          : [],
      })),
    });
    return { catalog, action: createRegisterLocalAction({ config, catalog }) };
  }

  it('registers the file as a file location and reports the System', async () => {
    const { catalog, action } = setUp();
    const target = path.join(destination.path, 'todo', 'catalog-info.yaml');

    const { outputs } = await runAction(
      action,
      { catalogInfoPath: target },
      {
        workspacePath: workspace.path,
      },
    );

    expect(catalog.addLocation).toHaveBeenNthCalledWith(
      1,
      { type: 'file', target },
      expect.objectContaining({ credentials: expect.anything() }),
    );
    expect(outputs).toEqual({
      catalogInfoUrl: target,
      entityRef: 'system:default/todo',
      entityRefs: ['component:default/todo-frontend', 'system:default/todo'],
    });
  });

  it('waits until the catalog serves the entities, so the task links open', async () => {
    const { catalog, action } = setUp({ servedAfterCalls: 2 });
    const target = path.join(destination.path, 'todo', 'catalog-info.yaml');

    const { logs } = await runAction(
      action,
      { catalogInfoPath: target },
      {
        workspacePath: workspace.path,
      },
    );

    // One lookup of both refs per round: two empty rounds, then both served.
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(3);
    expect(catalog.getEntitiesByRefs).toHaveBeenLastCalledWith(
      expect.objectContaining({
        entityRefs: ['component:default/todo-frontend', 'system:default/todo'],
      }),
      expect.objectContaining({ credentials: expect.anything() }),
    );
    expect(logs.join('\n')).not.toContain('has not processed');
  });

  it('gives up waiting after waitSeconds with a warning, not a failure', async () => {
    const { action } = setUp({ servedAfterCalls: Number.MAX_SAFE_INTEGER });
    const target = path.join(destination.path, 'todo', 'catalog-info.yaml');

    const { outputs, logs } = await runAction(
      action,
      { catalogInfoPath: target, waitSeconds: 0 },
      { workspacePath: workspace.path },
    );

    expect(outputs.entityRef).toBe('system:default/todo');
    expect(logs.join('\n')).toContain('has not processed every entity yet');
  });

  it('runs its example with the path publish:local outputs', async () => {
    const { catalog, action } = setUp();
    const step = YAML.parse(examples[0].example).steps[0];
    expect(step.input.catalogInfoPath).toBe(
      '${{ steps.publish.output.catalogInfoPath }}',
    );
    const target = path.join(destination.path, 'todo', 'catalog-info.yaml');
    await runAction(
      action,
      { catalogInfoPath: target },
      { workspacePath: workspace.path },
    );
    expect(catalog.addLocation).toHaveBeenCalledTimes(2);
  });

  describe('under retry and task recovery', () => {
    /** A catalog that, like DefaultLocationStore, keeps one location per target and refuses a second with a ConflictError. */
    function setUpCatalogWithLocations(
      conflict: 'in-process' | 'http' = 'in-process',
    ) {
      const locations = new Set<string>();
      const catalog = catalogServiceMock.mock({
        getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
          items: entityRefs.map(ref => entity('System', ref)),
        })),
        addLocation: jest.fn(async request => {
          const key = `${request.type}:${request.target}`;
          if (!request.dryRun) {
            if (locations.has(key)) {
              const error = new ConflictError(`Location ${key} already exists`);
              // Over HTTP the catalog client throws a ResponseError carrying the 409.
              throw conflict === 'in-process'
                ? error
                : await ResponseError.fromResponse(
                    new Response(JSON.stringify(serializeError409(error)), {
                      status: 409,
                      headers: { 'content-type': 'application/json' },
                    }),
                  );
            }
            locations.add(key);
          }
          return {
            location: {
              id: key,
              type: request.type ?? 'url',
              target: request.target,
              entityRef: `location:default/${key}`,
            },
            entities: request.dryRun
              ? [entity('Location', 'generated-1'), entity('System', 'todo')]
              : [],
          };
        }),
      });
      return {
        catalog,
        locations,
        action: createRegisterLocalAction({ config, catalog }),
      };
    }
    const registrations = (catalog: {
      addLocation: jest.MockInstance<any, any>;
    }) => catalog.addLocation.mock.calls.filter(([request]) => !request.dryRun);

    it('a second run with the checkpoint state of the first registers nothing', async () => {
      const { catalog, locations, action } = setUpCatalogWithLocations();
      const target = path.join(destination.path, 'todo', 'catalog-info.yaml');
      const first = await runAction(
        action,
        { catalogInfoPath: target },
        {
          workspacePath: workspace.path,
        },
      );
      catalog.addLocation.mockClear();

      const second = await runAction(
        action,
        { catalogInfoPath: target },
        {
          workspacePath: workspace.path,
          checkpoints: first.checkpoints,
        },
      );

      expect(catalog.addLocation).not.toHaveBeenCalled();
      expect(second.outputs).toEqual(first.outputs);
      expect([...locations]).toEqual([`file:${target}`]);
    });

    it.each(['in-process', 'http'] as const)(
      'keeps the location registered by an attempt whose checkpoint was not recorded (%s conflict)',
      async conflict => {
        const { catalog, locations, action } =
          setUpCatalogWithLocations(conflict);
        const target = path.join(destination.path, 'todo', 'catalog-info.yaml');
        const first = await runAction(
          action,
          { catalogInfoPath: target },
          {
            workspacePath: workspace.path,
          },
        );

        const second = await runAction(
          action,
          { catalogInfoPath: target },
          {
            workspacePath: workspace.path,
            checkpoints: {},
          },
        );

        expect(registrations(catalog)).toHaveLength(2);
        expect([...locations]).toEqual([`file:${target}`]);
        expect(second.outputs).toEqual(first.outputs);
        expect(second.logs.join('\n')).toContain(
          `already has the location file:${target}`,
        );
      },
    );

    it('fails on any other catalog error, and a retry registers then', async () => {
      const { catalog, locations, action } = setUpCatalogWithLocations();
      const target = path.join(destination.path, 'todo', 'catalog-info.yaml');
      catalog.addLocation.mockRejectedValueOnce(
        new Error('catalog unavailable'),
      );
      const failed = await runAction(
        action,
        { catalogInfoPath: target },
        {
          workspacePath: workspace.path,
        },
      ).catch(error => error.run);
      expect(failed.outputs.entityRefs).toBeUndefined();
      expect(locations.size).toBe(0);

      await runAction(
        action,
        { catalogInfoPath: target },
        {
          workspacePath: workspace.path,
          checkpoints: failed.checkpoints,
        },
      );
      expect([...locations]).toEqual([`file:${target}`]);
    });
  });

  it('refuses files outside the local destination and registers nothing', async () => {
    const { catalog, action } = setUp();
    await expect(
      runAction(
        action,
        { catalogInfoPath: '/etc/passwd' },
        { workspacePath: workspace.path },
      ),
    ).rejects.toThrow(/catalogInfoPath: must be inside the local destination/);
    await expect(
      runAction(
        action,
        { catalogInfoPath: path.join(destination.path, '..', 'x.yaml') },
        { workspacePath: workspace.path },
      ),
    ).rejects.toThrow(/catalogInfoPath: must be inside the local destination/);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('refuses a file that does not exist', async () => {
    const { catalog, action } = setUp();
    await expect(
      runAction(
        action,
        {
          catalogInfoPath: path.join(
            destination.path,
            'other',
            'catalog-info.yaml',
          ),
        },
        { workspacePath: workspace.path },
      ),
    ).rejects.toThrow(/catalogInfoPath: .* does not exist/);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('registers nothing in a dry run', async () => {
    const { catalog, action } = setUp();
    const target = path.join(destination.path, 'todo', 'catalog-info.yaml');
    const { outputs } = await runAction(
      action,
      { catalogInfoPath: target },
      {
        workspacePath: workspace.path,
        isDryRun: true,
      },
    );
    expect(outputs.catalogInfoUrl).toBe(target);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });
});
