import { Secret } from 'kubernetes-models/v1';
import { goodStack } from '../__testUtils__/fixtures';
import { noSecretData } from './noSecretData';

const secret = (data: Record<string, unknown>) => ({
  object: new Secret({
    metadata: { name: 'db', namespace: 'todo' },
    ...data,
  }).toJSON() as any,
  file: 'k8s/secrets/db.yaml',
  document: 0,
});

describe('no-secret-data', () => {
  it('passes a stack without Secrets, and an empty Secret', () => {
    expect(noSecretData.check([...goodStack(), secret({})])).toEqual([]);
  });

  it('rejects committed secret values', () => {
    expect(
      noSecretData.check([
        secret({ stringData: { 'postgres-password': 'hunter2' } }),
      ]),
    ).toEqual([expect.objectContaining({ field: 'stringData' })]);
  });
});
