import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import {
  COMPONENT_PORTS,
  type AppComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import type { RenderContext } from '../context';
import type { KubernetesObject, ManifestRenderer } from './types';

/** The Gateway listener an HTTPS route attaches to. */
export const HTTPS_LISTENER = 'https';

function prefixRule(ctx: RenderContext, path: string, component: AppComponent) {
  return {
    matches: [{ path: { type: 'PathPrefix' as const, value: path } }],
    // backendRefs name a Service port by number: the Services expose the container ports.
    backendRefs: [
      { name: ctx.name(component), port: COMPONENT_PORTS[component] },
    ],
  };
}

/**
 * Gateway API (provider gateway), the portable successor of Ingress: attaches
 * to an existing Gateway (`ingress.gateway`, which must allow routes from this
 * namespace). TLS terminates at the Gateway's `https` listener, so the
 * certificate is the Gateway's and the route only picks that listener.
 * Twin of the chart's templates/httproute.yaml.
 */
export const renderHttpRoute: ManifestRenderer = ctx => {
  const { ingress } = ctx.spec;
  if (!ingress.enabled || ingress.provider !== 'gateway') {
    return [];
  }
  const object = new HTTPRoute({
    metadata: ctx.metadata(ctx.release),
    spec: {
      parentRefs: [
        {
          name: ingress.gateway.name,
          namespace: ingress.gateway.namespace,
          ...(ingress.tls ? { sectionName: HTTPS_LISTENER } : {}),
        },
      ],
      hostnames: [ingress.host],
      // The longest matching prefix wins whatever the order; specific paths first read the way they match.
      rules: [
        prefixRule(ctx, '/api', 'backend'),
        prefixRule(ctx, '/mcp', 'mcp'),
        prefixRule(ctx, '/', 'frontend'),
      ],
    },
  });
  return [
    { file: 'httproute.yaml', object: object.toJSON() as KubernetesObject },
  ];
};
