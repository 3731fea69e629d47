import { createMockDirectory } from '@backstage/backend-test-utils';
import { stringify } from 'yaml';
import {
  checkUniqueObjects,
  readManifestsToApply,
  parseManifestsToApply,
} from './manifests';

describe('readManifestsToApply', () => {
  const mockDir = createMockDirectory();
  const configMap = (name: string) =>
    stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'demo' },
    });

  it('reads every document of every .yaml/.yml file below the folder, in path order', async () => {
    mockDir.setContent({
      'k8s/b.yml': configMap('b'),
      'k8s/a/first.yaml': `${configMap('a1')}---\n${configMap('a2')}\n---\n`,
      'k8s/secrets/db.yaml.example': configMap('never'),
      'k8s/.hidden/x.yaml': configMap('hidden'),
      'k8s/README.md': '# not a manifest',
      'k8s/kustomization.yaml': stringify({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        metadata: { name: 'k' },
        resources: ['a/first.yaml'],
      }),
    });

    const objects = await readManifestsToApply(mockDir.path, 'k8s');

    expect(
      objects.map(({ object, source }) => [object.metadata.name, source]),
    ).toEqual([
      ['a1', 'k8s/a/first.yaml#1'],
      ['a2', 'k8s/a/first.yaml#2'],
      ['b', 'k8s/b.yml#1'],
    ]);
  });

  it('refuses a folder outside the workspace and explains a missing or empty one', async () => {
    mockDir.setContent({ 'k8s/notes.txt': 'nothing' });

    await expect(readManifestsToApply(mockDir.path, '../k8s')).rejects.toThrow(
      'Relative path is not allowed to refer to a directory outside its parent',
    );
    await expect(readManifestsToApply(mockDir.path, 'missing')).rejects.toThrow(
      'Input "manifestsPath": "missing" is not a directory in the workspace',
    );
    await expect(readManifestsToApply(mockDir.path, 'k8s')).rejects.toThrow(
      'Input "manifestsPath": no Kubernetes objects found in any *.yaml or *.yml file under "k8s"',
    );
  });
});

describe('parseManifestsToApply', () => {
  it('expands List kinds and names the file and document of a broken object', () => {
    const list = stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y' } },
      ],
    });
    expect(
      parseManifestsToApply(list, 'k8s/list.yaml').map(({ source }) => source),
    ).toEqual(['k8s/list.yaml#1 item 1', 'k8s/list.yaml#1 item 2']);

    expect(() =>
      parseManifestsToApply(
        `${stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'ok' },
        })}---\nkind: Service\n`,
        'k8s/s.yaml',
      ),
    ).toThrow('k8s/s.yaml#2: the object has no apiVersion, metadata.name');
    expect(() => parseManifestsToApply('a: [b', 'k8s/bad.yaml')).toThrow(
      'k8s/bad.yaml#1: invalid YAML',
    );
  });
});

describe('checkUniqueObjects', () => {
  it('refuses the same object defined twice, counting a missing namespace as the target one', () => {
    const object = (namespace?: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', ...(namespace ? { namespace } : {}) },
    });
    expect(() =>
      checkUniqueObjects(
        [
          { object: object('demo'), source: 'k8s/a.yaml#1' },
          { object: object(), source: 'k8s/b.yaml#1' },
        ],
        'demo',
      ),
    ).toThrow(
      'Deployment api is defined twice: in k8s/a.yaml#1 and in k8s/b.yaml#1',
    );
  });
});
