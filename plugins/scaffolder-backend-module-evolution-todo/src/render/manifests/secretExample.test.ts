import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import { parseYamlStream } from '../yaml';
import { renderManifestExtras, renderManifests } from '.';
import { PASSWORD_PLACEHOLDER, SECRET_EXAMPLE_FILE } from './secretExample';
import { validateWithModel } from '../__testUtils__/workloadFamilies';

describe('k8s/secrets/db-secret.yaml.example', () => {
  const exampleFor = (
    parameters: Parameters<typeof parseDeploymentParameters>[0],
  ) => {
    const files = renderManifestExtras(parseDeploymentParameters(parameters));
    expect(files.map(f => f.path)).toEqual([SECRET_EXAMPLE_FILE]);
    return files[0].content;
  };

  it('shows the Secret the workloads read, with a placeholder instead of a password', () => {
    const content = exampleFor({ name: 'todo', namespace: 'apps' });
    const [secret] = parseYamlStream(content);
    validateWithModel(secret);
    expect(secret.metadata).toMatchObject({
      name: 'todo-postgres-auth',
      namespace: 'apps',
    });
    expect(secret.stringData).toEqual({
      'postgres-password': PASSWORD_PLACEHOLDER,
    });
    expect(secret).not.toHaveProperty('data');
    expect(content).toContain(
      'kubectl --namespace apps create secret generic todo-postgres-auth',
    );
  });

  it('names the existing Secret when the spec gives one', () => {
    const [secret] = parseYamlStream(
      exampleFor({ name: 'todo', postgres: { existingSecret: 'vault-db' } }),
    );
    expect(secret.metadata.name).toBe('vault-db');
  });

  it('is the only place k8s/ mentions the Secret: no Secret object is rendered', () => {
    const objects = renderManifests(
      parseDeploymentParameters({ name: 'todo' }),
    );
    expect(objects.filter(p => p.object.kind === 'Secret')).toEqual([]);
  });
});
