import {
  LABELS,
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { createRenderContext } from '../context';
import { renderIngress } from './ingress';

function render(parameters: DeploymentParameters) {
  return renderIngress(
    createRenderContext(parseDeploymentParameters(parameters)),
  );
}

function renderOne(parameters: DeploymentParameters) {
  const placed = render(parameters);
  expect(placed).toHaveLength(1);
  const [{ file, object }] = placed;
  expect(file).toBe('ingress.yaml');
  // Schema-valid for Kubernetes 1.28+ (throws with the failing field otherwise).
  new Ingress(object as any).validate();
  return object as any;
}

/** path → "service:port" of the only rule, in the order the paths are listed. */
function routes(ingress: any): [string, string][] {
  return ingress.spec.rules[0].http.paths.map((p: any) => [
    `${p.path} (${p.pathType})`,
    `${p.backend.service.name}:${p.backend.service.port.name}`,
  ]);
}

describe('renderIngress', () => {
  it('routes /api to the backend, /mcp to the MCP server and everything else to the frontend, through Traefik by default', () => {
    const ingress = renderOne({ name: 'todo' });

    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    expect(ingress.metadata).toMatchObject({ name: 'todo', namespace: 'todo' });
    expect(ingress.spec.ingressClassName).toBe('traefik');
    expect(ingress.spec.rules).toHaveLength(1);
    expect(ingress.spec.rules[0].host).toBe('todo.localhost');
    expect(routes(ingress)).toEqual([
      ['/api (Prefix)', 'todo-backend:http'],
      ['/mcp (Prefix)', 'todo-mcp:http'],
      ['/ (Prefix)', 'todo-frontend:http'],
    ]);
  });

  it('carries the labels the Backstage Kubernetes plugin finds objects by', () => {
    const ingress = renderOne({ name: 'todo' });
    expect(ingress.metadata.labels).toMatchObject({
      [LABELS.kubernetesId]: 'todo',
      [LABELS.instance]: 'todo',
      [LABELS.name]: 'evolution-todo',
    });
  });

  it('has no TLS and no annotations unless TLS is asked for', () => {
    for (const provider of ['traefik', 'nginx'] as const) {
      const ingress = renderOne({ name: 'todo', ingress: { provider } });
      expect(ingress.spec.tls).toBeUndefined();
      expect(ingress.metadata.annotations).toBeUndefined();
    }
  });

  it('terminates TLS with the given secret, and tells Traefik to serve the routes over HTTPS', () => {
    const ingress = renderOne({
      name: 'todo',
      ingress: {
        tls: true,
        host: 'todo.example.com',
        tlsSecretName: 'todo-cert',
      },
    });
    expect(ingress.spec.tls).toEqual([
      { hosts: ['todo.example.com'], secretName: 'todo-cert' },
    ]);
    expect(ingress.metadata.annotations).toEqual({
      'traefik.ingress.kubernetes.io/router.tls': 'true',
    });
  });

  it('uses the nginx class and no Traefik annotation for provider nginx', () => {
    const ingress = renderOne({
      name: 'todo',
      ingress: { provider: 'nginx', tls: true },
    });
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([
      { hosts: ['todo.localhost'], secretName: 'todo-tls' },
    ]);
    expect(ingress.metadata.annotations).toBeUndefined();
  });

  it('takes an explicit IngressClass and namespace', () => {
    const ingress = renderOne({
      name: 'todo',
      namespace: 'apps',
      ingress: { className: 'traefik-internal' },
    });
    expect(ingress.spec.ingressClassName).toBe('traefik-internal');
    expect(ingress.metadata.namespace).toBe('apps');
  });

  it('renders nothing for provider gateway (an HTTPRoute instead) or when disabled', () => {
    expect(render({ name: 'todo', ingress: { provider: 'gateway' } })).toEqual(
      [],
    );
    expect(render({ name: 'todo', ingress: { enabled: false } })).toEqual([]);
    expect(
      render({ name: 'todo', ingress: { enabled: false, provider: 'nginx' } }),
    ).toEqual([]);
  });
});
