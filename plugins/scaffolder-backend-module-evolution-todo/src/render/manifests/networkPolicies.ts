import {
  CHART_NAME,
  LABELS,
  type LabelledComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import {
  NetworkPolicy,
  type INetworkPolicyPeer,
  type INetworkPolicyPort,
} from 'kubernetes-models/networking.k8s.io/v1';
import type { RenderContext } from '../context';
import {
  activeExporters,
  activeScrapeTargets,
  portOf,
} from './runningComponents';
import type { KubernetesObject, ManifestRenderer, PlacedObject } from './types';
import { namespaceNameSelector } from '../conventions/workloads';

/** Pods of a component of this release, or any pod of a namespace. */
export type Peer =
  | { component: LabelledComponent }
  | { namespaceSelector: Record<string, string> };

/** Traffic from (ingress) or to (egress) some peers, on one TCP port of the destination. */
export interface Rule {
  peers: Peer[];
  port: number;
}

/** What one component's pods may receive and send, beyond DNS. */
export interface ComponentTraffic {
  component: LabelledComponent;
  ingress: Rule[];
  egress: Rule[];
}

const pods = (...components: LabelledComponent[]): Peer[] =>
  components.map(component => ({ component }));

/**
 * The allowed paths of the stack; everything else is denied. The ingress
 * controller (from `ingress.controllerNamespace`) reaches the frontend, the
 * backend and the MCP server, the frontend and the MCP server call the
 * backend, the backend uses PostgreSQL and Redis, Prometheus (from
 * `monitoring.namespace`) scrapes what monitoring/targets lists and each
 * exporter reads its data store.
 */
export function allowedTraffic(ctx: RenderContext): ComponentTraffic[] {
  const { spec } = ctx;
  const exporters = activeExporters(spec);
  const fromIngressController: Peer[] = spec.ingress.enabled
    ? [
        {
          namespaceSelector: namespaceNameSelector(
            spec.ingress.controllerNamespace,
          ),
        },
      ]
    : [];
  const publicRule = (component: LabelledComponent): Rule[] =>
    fromIngressController.length > 0
      ? [{ peers: fromIngressController, port: portOf(component) }]
      : [];
  const scrapeRule = (component: LabelledComponent): Rule[] =>
    activeScrapeTargets(spec).some(t => t.component === component)
      ? [
          {
            peers: [
              {
                namespaceSelector: namespaceNameSelector(
                  spec.monitoring.namespace,
                ),
              },
            ],
            port: portOf(component),
          },
        ]
      : [];
  const to = (component: LabelledComponent): Rule => ({
    peers: pods(component),
    port: portOf(component),
  });

  const traffic: ComponentTraffic[] = [
    {
      component: 'frontend',
      ingress: [...publicRule('frontend'), ...scrapeRule('frontend')],
      egress: [to('backend')],
    },
    {
      component: 'backend',
      ingress: [
        ...publicRule('backend'),
        { peers: pods('frontend', 'mcp'), port: portOf('backend') },
        ...scrapeRule('backend'),
      ],
      egress: [to('postgres'), ...(spec.redis.enabled ? [to('redis')] : [])],
    },
    {
      component: 'mcp',
      ingress: [...publicRule('mcp'), ...scrapeRule('mcp')],
      egress: [to('backend')],
    },
    {
      component: 'postgres',
      ingress: [
        {
          peers: pods(
            'backend',
            ...exporters.filter(e => e === 'postgres-exporter'),
          ),
          port: portOf('postgres'),
        },
      ],
      egress: [],
    },
  ];
  if (spec.redis.enabled) {
    traffic.push({
      component: 'redis',
      ingress: [
        {
          peers: pods(
            'backend',
            ...exporters.filter(e => e === 'redis-exporter'),
          ),
          port: portOf('redis'),
        },
      ],
      egress: [],
    });
  }
  for (const exporter of exporters) {
    const store = exporter === 'postgres-exporter' ? 'postgres' : 'redis';
    traffic.push({
      component: exporter,
      ingress: scrapeRule(exporter),
      egress: [to(store)],
    });
  }
  return traffic;
}

/** The pods of this release, whatever their component. */
function releaseSelector(ctx: RenderContext): Record<string, string> {
  return { [LABELS.name]: CHART_NAME, [LABELS.instance]: ctx.release };
}

function peer(ctx: RenderContext, p: Peer): INetworkPolicyPeer {
  return 'component' in p
    ? { podSelector: { matchLabels: ctx.selector(p.component) } }
    : { namespaceSelector: { matchLabels: p.namespaceSelector } };
}

const tcp = (port: number): INetworkPolicyPort[] => [{ protocol: 'TCP', port }];

/** One component's policy; it lists only the directions it allows, default-deny covers the rest. */
function componentPolicy(
  ctx: RenderContext,
  t: ComponentTraffic,
): KubernetesObject {
  return new NetworkPolicy({
    metadata: ctx.metadata(ctx.name(t.component), t.component),
    spec: {
      podSelector: { matchLabels: ctx.selector(t.component) },
      policyTypes: [
        ...(t.ingress.length > 0 ? (['Ingress'] as const) : []),
        ...(t.egress.length > 0 ? (['Egress'] as const) : []),
      ],
      ...(t.ingress.length > 0
        ? {
            ingress: t.ingress.map(r => ({
              from: r.peers.map(p => peer(ctx, p)),
              ports: tcp(r.port),
            })),
          }
        : {}),
      ...(t.egress.length > 0
        ? {
            egress: t.egress.map(r => ({
              to: r.peers.map(p => peer(ctx, p)),
              ports: tcp(r.port),
            })),
          }
        : {}),
    },
  }).toJSON() as KubernetesObject;
}

/**
 * Default deny for the namespace (ingress and egress, every pod: the
 * namespace is the release's own), DNS for the release's pods, then one policy
 * per component with exactly its allowed paths. Twin of the chart's
 * templates/networkpolicies.yaml.
 */
export const renderNetworkPolicies: ManifestRenderer = ctx => {
  const file = 'networkpolicies.yaml';
  const placed: PlacedObject[] = [
    {
      file,
      object: new NetworkPolicy({
        metadata: ctx.metadata(`${ctx.release}-default-deny`),
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      }).toJSON() as KubernetesObject,
    },
    {
      file,
      object: new NetworkPolicy({
        metadata: ctx.metadata(`${ctx.release}-allow-dns`),
        spec: {
          podSelector: { matchLabels: releaseSelector(ctx) },
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: {
                    matchLabels: namespaceNameSelector('kube-system'),
                  },
                },
              ],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        },
      }).toJSON() as KubernetesObject,
    },
  ];
  return [
    ...placed,
    ...allowedTraffic(ctx).map(t => ({
      file,
      object: componentPolicy(ctx, t),
    })),
  ];
};
