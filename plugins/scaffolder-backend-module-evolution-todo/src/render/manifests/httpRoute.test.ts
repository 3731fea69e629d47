import {
  COMPONENT_PORTS,
  LABELS,
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { createRenderContext } from '../context';
import { renderHttpRoute } from './httpRoute';

function render(parameters: DeploymentParameters) {
  return renderHttpRoute(
    createRenderContext(parseDeploymentParameters(parameters)),
  );
}

function renderOne(parameters: DeploymentParameters) {
  const placed = render(parameters);
  expect(placed).toHaveLength(1);
  const [{ file, object }] = placed;
  expect(file).toBe('httproute.yaml');
  // Schema-valid against the Gateway API v1 CRD (throws with the failing field otherwise).
  new HTTPRoute(object as any).validate();
  return object as any;
}

const gateway = (
  extra: DeploymentParameters['ingress'] = {},
): DeploymentParameters => ({
  name: 'shop',
  namespace: 'apps',
  ingress: { provider: 'gateway', ...extra },
});

describe('renderHttpRoute', () => {
  it('attaches to the configured Gateway for the host', () => {
    const route = renderOne(
      gateway({
        host: 'shop.example.com',
        gateway: { name: 'public', namespace: 'edge' },
      }),
    );
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.metadata).toMatchObject({ name: 'shop', namespace: 'apps' });
    expect(route.metadata.labels[LABELS.kubernetesId]).toBe('shop');
    expect(route.spec.parentRefs).toEqual([
      { name: 'public', namespace: 'edge' },
    ]);
    expect(route.spec.hostnames).toEqual(['shop.example.com']);
  });

  it('sends /api to the backend, /mcp to the MCP server and the rest to the frontend, specific paths first', () => {
    const route = renderOne(gateway());
    const rules = route.spec.rules.map((rule: any) => ({
      match: rule.matches.map((m: any) => `${m.path.type} ${m.path.value}`),
      to: rule.backendRefs.map((b: any) => `${b.name}:${b.port}`),
    }));
    expect(rules).toEqual([
      {
        match: ['PathPrefix /api'],
        to: [`shop-backend:${COMPONENT_PORTS.backend}`],
      },
      {
        match: ['PathPrefix /mcp'],
        to: [`shop-mcp:${COMPONENT_PORTS.mcp}`],
      },
      {
        match: ['PathPrefix /'],
        to: [`shop-frontend:${COMPONENT_PORTS.frontend}`],
      },
    ]);
  });

  it("picks the Gateway's https listener only when TLS is on", () => {
    expect(renderOne(gateway()).spec.parentRefs[0].sectionName).toBeUndefined();
    expect(
      renderOne(gateway({ tls: true })).spec.parentRefs[0].sectionName,
    ).toBe('https');
  });

  it('renders nothing for the Ingress providers or when ingress is disabled', () => {
    expect(render({ name: 'shop' })).toEqual([]);
    expect(render({ name: 'shop', ingress: { provider: 'nginx' } })).toEqual(
      [],
    );
    expect(
      render({
        name: 'shop',
        ingress: { provider: 'gateway', enabled: false },
      }),
    ).toEqual([]);
  });
});
