import { InputError } from '@backstage/errors';
import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { renderManifests } from '../render/manifests';
import { parseYamlStream } from '../render/yaml';
import { runAction, runExample } from '../__testUtils__/runAction';
import { listFiles } from '../render/files';
import { createRenderManifestsAction } from './renderManifests';
import { examples } from './renderManifests.examples';

const action = createRenderManifestsAction();
let workspace: string;

beforeEach(() => {
  workspace = fs.mkdtempSync(
    path.join(os.tmpdir(), 'evolution-todo-manifests-action-'),
  );
});
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

/** Objects per k8s/ file, as read back from disk. */
function objectsOnDisk(manifestsDir: string): Record<string, any[]> {
  const dir = path.join(workspace, manifestsDir);
  return Object.fromEntries(
    listFiles(dir)
      .filter(file => file.endsWith('.yaml'))
      .map(file => [
        file,
        parseYamlStream(fs.readFileSync(path.join(dir, file), 'utf8')),
      ]),
  );
}

/** What the renderers place in each file, in order. */
function expectedByFile(
  parameters: Record<string, unknown>,
): Record<string, any[]> {
  const byFile: Record<string, any[]> = {};
  for (const { file, object } of renderManifests(
    parseDeploymentParameters(parameters),
  )) {
    (byFile[file] ??= []).push(JSON.parse(JSON.stringify(object)));
  }
  return byFile;
}

describe('evolution-todo:render:manifests', () => {
  it('is a dry-run capable action with examples', () => {
    expect(action.id).toBe('evolution-todo:render:manifests');
    expect(action.supportsDryRun).toBe(true);
    expect(action.examples?.length).toBeGreaterThan(0);
  });

  it('example 1: writes every rendered object to its file, one YAML stream per file', async () => {
    const parameters = { name: 'todo' };
    const { manifests } = await runExample(examples[0], [action], {
      workspacePath: workspace,
      parameters,
    });

    const expected = expectedByFile(parameters);
    expect(objectsOnDisk('k8s')).toEqual(expected);
    expect(manifests.outputs.manifestsPath).toBe('k8s');
    expect(manifests.outputs.objects).toBe(
      Object.values(expected).flat().length,
    );
    expect([...manifests.outputs.files].sort()).toEqual(listFiles(workspace));
    // The Secret ships as an example to copy, never as an applied object with a password.
    expect(manifests.outputs.files).toContain(
      'k8s/secrets/db-secret.yaml.example',
    );
    expect(
      Object.values(expected)
        .flat()
        .filter(o => o.kind === 'Secret'),
    ).toEqual([]);
    expect(manifests.logs.join('\n')).toContain(
      `Rendered ${manifests.outputs.objects} objects`,
    );
  });

  it('example 2: a lean stack has no monitoring objects and routes through nginx', async () => {
    await runExample(examples[1], [action], {
      workspacePath: workspace,
      parameters: {},
    });
    const { input } = YAML.parse(examples[1].example).steps[0];

    const onDisk = objectsOnDisk('k8s');
    expect(onDisk).toEqual(expectedByFile(input.parameters));
    const objects = Object.values(onDisk).flat();
    expect(
      objects.filter(o => o.apiVersion.startsWith('monitoring.coreos.com')),
    ).toEqual([]);
    expect(objects.every(o => o.metadata.namespace === 'lean')).toBe(true);
    expect(
      objects.filter(
        o => o.metadata.labels?.['app.kubernetes.io/component'] === 'redis',
      ),
    ).toEqual([]);
    const ingress = objects.find(o => o.kind === 'Ingress');
    expect(ingress?.spec.ingressClassName).toBe('nginx');
  });

  it('writes the same files in a dry run', async () => {
    await runAction(
      action,
      { parameters: { name: 'todo' }, targetPath: 'out' },
      { workspacePath: workspace, isDryRun: true },
    );
    expect(objectsOnDisk('out/k8s')).toEqual(expectedByFile({ name: 'todo' }));
  });

  it('rejects bad parameters naming the field, and writes nothing', async () => {
    const attempt = runAction(
      action,
      {
        parameters: {
          name: 'todo',
          ingress: { host: 'evil.com\nkind: Secret' },
        },
      },
      { workspacePath: workspace },
    );
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      /ingress\.host: must be a lowercase DNS name/,
    );
    expect(listFiles(workspace)).toEqual([]);
  });
});
