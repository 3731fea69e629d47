/**
 * A model of how a cluster routes and filters traffic between pods, built from
 * the rules the Kubernetes API documents (concepts/services-networking/
 * network-policies and the networking.k8s.io/v1 NetworkPolicy reference), so
 * tests can ask "may pod A open a TCP connection to Service B?" of rendered
 * objects. No API server or CNI runs here: this stands in for one, and every
 * rule it applies is written down below.
 *
 * What it models:
 * - A pod is isolated for ingress (egress) when at least one NetworkPolicy in
 *   its namespace selects it and lists Ingress (Egress) in policyTypes;
 *   policyTypes defaults to Ingress, plus Egress when the policy has egress
 *   rules. A connection needs the source's egress and the destination's
 *   ingress allowed; a non-isolated side allows everything.
 * - Policies are additive: any rule of any selecting policy may allow.
 * - A rule with no peers (from/to) matches every peer; with no ports, every
 *   port. A peer with only podSelector means pods of the policy's namespace;
 *   only namespaceSelector, every pod of the matching namespaces; both, pods
 *   matching the podSelector in matching namespaces. ipBlock peers are not
 *   modelled (pod IPs are "implementation-defined" for them): they match no pod.
 * - A named port in a rule resolves against the destination pod's container
 *   ports; protocol defaults to TCP; endPort widens a numeric port to a range.
 * - Label selectors: matchLabels and matchExpressions (In, NotIn, Exists,
 *   DoesNotExist) ANDed; an empty selector matches everything.
 * - A Service sends traffic to the pods its selector matches, on the
 *   container port its targetPort names (or numbers); NetworkPolicies see the
 *   pod and that port, never the Service.
 * Not modelled: the node's own traffic (kubelet probes are always allowed),
 * hostNetwork pods, Services without selectors.
 */

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface ModelPod {
  /** A readable name for messages, e.g. "todo-backend". */
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ports: ContainerPort[];
}

export interface ModelNamespace {
  name: string;
  labels: Record<string, string>;
}

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: unknown;
}

interface PolicyRule {
  from?: PolicyPeer[];
  to?: PolicyPeer[];
  ports?: PolicyPort[];
}

export interface ModelNetworkPolicy {
  metadata: { name: string; namespace: string };
  spec: {
    podSelector: LabelSelector;
    policyTypes?: Array<'Ingress' | 'Egress'>;
    ingress?: PolicyRule[];
    egress?: PolicyRule[];
  };
}

export interface ModelService {
  metadata: { name: string; namespace: string };
  spec: {
    selector?: Record<string, string>;
    ports: Array<{
      name?: string;
      port: number;
      targetPort?: number | string;
      protocol?: string;
    }>;
  };
}

export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) {
    return true;
  }
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  const byExpression = (selector.matchExpressions ?? []).every(e => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        throw new Error(`unknown selector operator ${String(e.operator)}`);
    }
  });
  return byLabel && byExpression;
}

export class ClusterNetwork {
  constructor(
    readonly namespaces: ModelNamespace[],
    readonly pods: ModelPod[],
    readonly policies: ModelNetworkPolicy[],
    readonly services: ModelService[],
  ) {}

  private namespaceLabels(name: string): Record<string, string> {
    const namespace = this.namespaces.find(n => n.name === name);
    if (!namespace) {
      throw new Error(`namespace ${name} is not part of the model`);
    }
    return namespace.labels;
  }

  private policiesSelecting(pod: ModelPod, direction: 'Ingress' | 'Egress') {
    return this.policies.filter(p => {
      if (p.metadata.namespace !== pod.namespace) {
        return false;
      }
      const types =
        p.spec.policyTypes ??
        (p.spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
      return (
        types.includes(direction) &&
        selectorMatches(p.spec.podSelector, pod.labels)
      );
    });
  }

  private peerMatches(
    peer: PolicyPeer,
    policyNamespace: string,
    pod: ModelPod,
  ): boolean {
    if (peer.ipBlock) {
      return false;
    }
    const namespaceOk = peer.namespaceSelector
      ? selectorMatches(
          peer.namespaceSelector,
          this.namespaceLabels(pod.namespace),
        )
      : pod.namespace === policyNamespace;
    const podOk = peer.podSelector
      ? selectorMatches(peer.podSelector, pod.labels)
      : true;
    return namespaceOk && podOk;
  }

  private portMatches(
    ports: PolicyPort[] | undefined,
    destination: ModelPod,
    port: number,
    protocol: string,
  ): boolean {
    if (!ports || ports.length === 0) {
      return true;
    }
    return ports.some(p => {
      if ((p.protocol ?? 'TCP') !== protocol) {
        return false;
      }
      if (p.port === undefined) {
        return true;
      }
      if (typeof p.port === 'string') {
        return destination.ports.some(
          c =>
            c.name === p.port &&
            c.containerPort === port &&
            (c.protocol ?? 'TCP') === protocol,
        );
      }
      return p.endPort === undefined
        ? p.port === port
        : port >= p.port && port <= p.endPort;
    });
  }

  private allowedBy(
    direction: 'Ingress' | 'Egress',
    selected: ModelPod,
    peer: ModelPod,
    destination: ModelPod,
    port: number,
    protocol: string,
  ): boolean {
    const policies = this.policiesSelecting(selected, direction);
    if (policies.length === 0) {
      return true; // not isolated in this direction
    }
    return policies.some(
      policy =>
        (direction === 'Ingress'
          ? policy.spec.ingress
          : policy.spec.egress
        )?.some(rule => {
          const peers = direction === 'Ingress' ? rule.from : rule.to;
          const peerOk =
            !peers ||
            peers.length === 0 ||
            peers.some(p =>
              this.peerMatches(p, policy.metadata.namespace, peer),
            );
          return (
            peerOk && this.portMatches(rule.ports, destination, port, protocol)
          );
        }) ?? false,
    );
  }

  /** Whether `from` may open a connection to pod `to` on a container port number. */
  podAllows(from: ModelPod, to: ModelPod, port: number, protocol = 'TCP') {
    return (
      this.allowedBy('Egress', from, to, to, port, protocol) &&
      this.allowedBy('Ingress', to, from, to, port, protocol)
    );
  }

  /** The pods behind a Service port and the container port each receives on. */
  endpoints(
    namespace: string,
    serviceName: string,
    servicePort: number | string,
  ): Array<{ pod: ModelPod; port: number; protocol: string }> {
    const service = this.services.find(
      s =>
        s.metadata.namespace === namespace && s.metadata.name === serviceName,
    );
    if (!service) {
      throw new Error(`no Service ${namespace}/${serviceName} in the model`);
    }
    const port = service.spec.ports.find(p =>
      typeof servicePort === 'string'
        ? p.name === servicePort
        : p.port === servicePort,
    );
    if (!port) {
      throw new Error(`Service ${serviceName} has no port ${servicePort}`);
    }
    const protocol = port.protocol ?? 'TCP';
    const target = port.targetPort ?? port.port;
    return this.pods
      .filter(
        pod =>
          pod.namespace === namespace &&
          service.spec.selector !== undefined &&
          selectorMatches({ matchLabels: service.spec.selector }, pod.labels),
      )
      .flatMap(pod => {
        const container =
          typeof target === 'string'
            ? pod.ports.find(c => c.name === target)
            : { containerPort: target };
        return container
          ? [{ pod, port: container.containerPort, protocol }]
          : [];
      });
  }

  /**
   * Whether `from` reaches a Service: it has endpoints, and the connection to
   * every one of them is allowed (kube-proxy may pick any).
   */
  serviceAllows(
    from: ModelPod,
    namespace: string,
    serviceName: string,
    servicePort: number | string,
  ): boolean {
    const targets = this.endpoints(namespace, serviceName, servicePort);
    return (
      targets.length > 0 &&
      targets.every(t => this.podAllows(from, t.pod, t.port, t.protocol))
    );
  }
}

/** A namespace as the API server creates it: labelled with its own name. */
export function namespaceOf(name: string): ModelNamespace {
  return { name, labels: { 'kubernetes.io/metadata.name': name } };
}

/** The pod a workload runs (its template), or a bare Pod itself. */
function podTemplateOf(o: any): { metadata?: any; spec: any } | undefined {
  if (o.kind === 'Pod') {
    return { metadata: o.metadata, spec: o.spec };
  }
  return ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind)
    ? o.spec.template
    : undefined;
}

/**
 * One representative pod per workload of rendered objects (Deployments,
 * StatefulSets, bare Pods such as the helm test hook), with the pod
 * template's labels and the containers' ports.
 */
export function podsOf(objects: any[]): ModelPod[] {
  return objects.flatMap(o => {
    const template = podTemplateOf(o);
    if (!template) {
      return [];
    }
    return [
      {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        labels: template.metadata?.labels ?? {},
        ports: (template.spec.containers ?? []).flatMap(
          (c: any) => c.ports ?? [],
        ),
      },
    ];
  });
}
