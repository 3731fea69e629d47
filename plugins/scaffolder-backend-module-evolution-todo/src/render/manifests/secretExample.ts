import { Secret } from 'kubernetes-models/v1';
import type { DeploymentSpec } from '@evolution-todo/plugin-evolution-todo-common';
import { createRenderContext } from '../context';
import type { RenderedFile } from '../files';
import { toYamlStream } from '../yaml';
import { postgresPasswordSecret } from './podSpec';
import { POSTGRES_PASSWORD_KEY } from '../conventions/workloads';

/** Where the example goes, relative to k8s/. */
export const SECRET_EXAMPLE_FILE = 'secrets/db-secret.yaml.example';

/** Stands where the password goes; a reader cannot mistake it for one. */
export const PASSWORD_PLACEHOLDER = 'REPLACE-WITH-A-GENERATED-PASSWORD';

/**
 * k8s/secrets/db-secret.yaml.example: the shape of the PostgreSQL Secret the
 * raw manifests expect, without a password. The chart creates this Secret
 * itself at install; k8s/ must not ship one (the password would be in the
 * repository), and `kubectl apply -f k8s/ -R` skips a .example file.
 */
export function renderSecretExample(spec: DeploymentSpec): RenderedFile {
  const ctx = createRenderContext(spec);
  const name = postgresPasswordSecret(spec);
  const secret = new Secret({
    metadata: ctx.metadata(name, 'postgres'),
    type: 'Opaque',
    stringData: { [POSTGRES_PASSWORD_KEY]: PASSWORD_PLACEHOLDER },
  }).toJSON();
  // Names and namespaces are DNS labels (the parameter schema says so): safe in a comment.
  const header = [
    '# The PostgreSQL password the workloads in k8s/ read (Secret key postgres-password).',
    '# Never commit the real password. Create the Secret straight from a generated one:',
    `#   kubectl --namespace ${spec.namespace} create secret generic ${name} \\`,
    `#     --from-literal=${POSTGRES_PASSWORD_KEY}="$(openssl rand -hex 24)"`,
    '# or copy this file outside the repository, replace the placeholder and apply the copy.',
    '# The Helm chart needs none of this: it generates the Secret at install',
    '# unless postgres.existingSecret names one.',
    '',
  ].join('\n');
  return {
    path: SECRET_EXAMPLE_FILE,
    content: header + toYamlStream([secret]),
  };
}
