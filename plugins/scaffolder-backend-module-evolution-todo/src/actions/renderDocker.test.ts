import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DockerfileParser } from 'dockerfile-ast';
import fs from 'node:fs';
import path from 'node:path';
import * as yaml from 'yaml';
import { createRecordingContext } from '../__testUtils__/actionContext';
import { RUNTIME_IMAGES } from '../render/docker';
import { createEvolutionTodoActions } from '.';
import {
  createRenderDockerAction,
  RENDER_DOCKER_ACTION_ID,
} from './renderDocker';
import { examples } from './renderDocker.examples';

const DOCKER_FILES = ['frontend', 'backend', 'mcp'].flatMap(c => [
  `docker/${c}/Dockerfile`,
  `docker/${c}/Dockerfile.dockerignore`,
]);

describe('evolution-todo:render:docker', () => {
  const mockDir = createMockDirectory();
  const action = createRenderDockerAction();

  beforeEach(() => mockDir.clear());

  async function run(input: Record<string, unknown>, isDryRun = false) {
    const recording = createRecordingContext({
      input,
      workspacePath: mockDir.path,
      isDryRun,
    });
    await action.handler(recording.ctx);
    return recording;
  }

  function baseImageOf(file: string) {
    return DockerfileParser.parse(
      fs.readFileSync(path.join(mockDir.path, file), 'utf8'),
    )
      .getFROMs()[0]
      .getImage();
  }

  it('is registered by the module', () => {
    const ids = createEvolutionTodoActions({
      config: mockServices.rootConfig(),
      catalog: catalogServiceMock(),
    }).map(a => a.id);
    expect(ids).toContain(RENDER_DOCKER_ACTION_ID);
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_d, example) => {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe(RENDER_DOCKER_ACTION_ID);
      // The first example passes the form through; stand in for it with a minimal form.
      const input =
        step.input.parameters === '${{ parameters }}'
          ? { ...step.input, parameters: { name: 'todo' } }
          : step.input;
      const { outputs } = await run(input);
      const baseImages = outputs.baseImages as Record<string, string>;

      const prefix = input.targetPath ? `${input.targetPath}/` : '';
      expect(outputs.files).toEqual(DOCKER_FILES.map(f => `${prefix}${f}`));
      for (const file of outputs.files as string[]) {
        expect(fs.existsSync(path.join(mockDir.path, file))).toBe(true);
      }
      const node = input.runtimes?.node ?? '24';
      const python = input.runtimes?.python ?? '3.13';
      expect(baseImages).toEqual({
        frontend: RUNTIME_IMAGES.node[node as '24'],
        backend: RUNTIME_IMAGES.python[python as '3.13'],
        mcp: RUNTIME_IMAGES.python[python as '3.13'],
      });
      expect(baseImageOf(`${prefix}docker/frontend/Dockerfile`)).toBe(
        baseImages.frontend,
      );
      expect(baseImageOf(`${prefix}docker/mcp/Dockerfile`)).toBe(
        baseImages.mcp,
      );
    },
  );

  it('renders in a dry run too, so the Template Editor shows the files', async () => {
    const { outputs, logs } = await run({ parameters: { name: 'todo' } }, true);
    expect(outputs.files).toEqual(DOCKER_FILES);
    expect(logs.map(l => l.message).join('\n')).toContain('node:24.');
  });

  it('lists every bad input by field and writes nothing', async () => {
    const error = await run({
      parameters: { name: 'Bad_Name' },
      runtimes: { node: '18', python: '3.11' },
    }).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      'runtimes.node: must be one of "24", "22" (got "18")',
    );
    expect(error.message).toContain(
      'runtimes.python: must be one of "3.13", "3.12" (got "3.11")',
    );
    expect(error.message).toContain('name: must be a DNS-1123 label');
    expect(fs.readdirSync(mockDir.path)).toEqual([]);
  });

  it('refuses a target outside the workspace and writes nothing', async () => {
    const error = await run({
      parameters: { name: 'todo' },
      targetPath: '../outside',
    }).catch(e => e);
    expect(error.message).toContain(
      'targetPath: must be a relative path inside the workspace',
    );
    expect(fs.readdirSync(mockDir.path)).toEqual([]);
  });

  it('declares its runtimes input so the scaffolder rejects unknown versions before running', () => {
    const schema = action.schema?.input as any;
    const runtimes = schema?.properties?.runtimes;
    expect(runtimes?.properties?.node?.enum).toEqual(['24', '22']);
    expect(runtimes?.properties?.python?.enum).toEqual(['3.13', '3.12']);
  });
});
