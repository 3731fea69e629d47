import type { IHTTPIngressPath } from 'kubernetes-models/networking.k8s.io/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import type { AppComponent } from '@evolution-todo/plugin-evolution-todo-common';
import type { RenderContext } from '../context';
import type { KubernetesObject, ManifestRenderer } from './types';

/** Only where it changes behaviour: Traefik loads spec.tls certificates but serves HTTPS only with this. */
const TRAEFIK_ROUTER_TLS = 'traefik.ingress.kubernetes.io/router.tls';

function prefix(
  ctx: RenderContext,
  path: string,
  component: AppComponent,
): IHTTPIngressPath {
  return {
    path,
    pathType: 'Prefix',
    backend: { service: { name: ctx.name(component), port: { name: 'http' } } },
  };
}

/**
 * The way in for provider traefik or nginx: `/api` to the backend, `/mcp` to
 * the MCP server (streamable HTTP), everything else to the frontend (the
 * longest matching prefix wins; the specific paths are listed first so the
 * object reads the way it matches). nginx needs no annotation: it
 * redirects HTTP to HTTPS whenever spec.tls is set. Provider gateway gets an
 * HTTPRoute instead (httpRoute.ts). Twin of the chart's templates/ingress.yaml.
 */
export const renderIngress: ManifestRenderer = ctx => {
  const { ingress } = ctx.spec;
  if (!ingress.enabled || ingress.provider === 'gateway') {
    return [];
  }
  const traefikTls = ingress.tls && ingress.provider === 'traefik';
  const object = new Ingress({
    metadata: {
      ...ctx.metadata(ctx.release),
      ...(traefikTls ? { annotations: { [TRAEFIK_ROUTER_TLS]: 'true' } } : {}),
    },
    spec: {
      ingressClassName: ingress.className,
      ...(ingress.tls
        ? {
            tls: [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }],
          }
        : {}),
      rules: [
        {
          host: ingress.host,
          http: {
            paths: [
              prefix(ctx, '/api', 'backend'),
              prefix(ctx, '/mcp', 'mcp'),
              prefix(ctx, '/', 'frontend'),
            ],
          },
        },
      ],
    },
  });
  return [
    { file: 'ingress.yaml', object: object.toJSON() as KubernetesObject },
  ];
};
