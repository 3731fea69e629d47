import { LABELS } from '@evolution-todo/plugin-evolution-todo-common';

/**
 * What a cluster holds for a Helm release after each `helm upgrade`, as far as
 * Deployment sizes, pod templates, Service selectors and HPAs go. No API
 * server runs here, so these are the documented rules, applied to the objects
 * real Helm renders:
 * - Helm 3 upgrades with a three-way strategic merge (old manifest, new
 *   manifest, live object): a field the new manifest states is set; a field
 *   the old manifest stated and the new one drops is deleted; a field neither
 *   states keeps its live value (an HPA's count, a `kubectl scale`). Helm 4's
 *   server-side apply gives the same result for fields Helm's manager owned.
 * - The API server defaults a Deployment's missing `spec.replicas` to 1.
 * - An HPA keeps its target within [minReplicas, maxReplicas], except a target
 *   scaled to 0, which it leaves alone (scaling is disabled at 0 replicas).
 * - A Service sends traffic to the Deployments its selector matches.
 */
export interface LiveDeployment {
  replicas: number;
  /** The pod template as JSON: a change rolls the pods. */
  template: string;
  image: string;
  labels: Record<string, string>;
}

export class ReleaseModel {
  readonly deployments = new Map<string, LiveDeployment>();
  private manifest: any[] = [];

  /** Installs or upgrades to the objects of one `helm template` run. */
  upgrade(objects: any[]) {
    const previous = new Map(
      this.manifest
        .filter(o => o.kind === 'Deployment')
        .map(o => [o.metadata.name, o]),
    );
    const next = objects.filter(o => o.kind === 'Deployment');
    for (const name of [...this.deployments.keys()]) {
      if (!next.some(o => o.metadata.name === name)) {
        this.deployments.delete(name);
      }
    }
    for (const object of next) {
      const name = object.metadata.name;
      const live = this.deployments.get(name);
      const stated: number | undefined = object.spec.replicas;
      const statedBefore: number | undefined =
        previous.get(name)?.spec.replicas;
      let replicas: number;
      if (stated !== undefined) {
        replicas = stated;
      } else if (!live || statedBefore !== undefined) {
        replicas = 1; // created without the field, or the field deleted: defaulted
      } else {
        replicas = live.replicas;
      }
      this.deployments.set(name, {
        replicas,
        template: JSON.stringify(object.spec.template),
        image: object.spec.template.spec.containers[0].image,
        labels: object.spec.template.metadata.labels,
      });
    }
    this.manifest = objects;
  }

  /** What `kubectl scale deployment NAME --replicas N` does. */
  scale(name: string, replicas: number) {
    const live = this.deployments.get(name);
    if (!live) {
      throw new Error(`kubectl scale: no Deployment ${name}`);
    }
    live.replicas = replicas;
  }

  /** One pass of every HPA of the current manifest. */
  reconcileAutoscalers() {
    for (const hpa of this.manifest.filter(
      o => o.kind === 'HorizontalPodAutoscaler',
    )) {
      const target = this.deployments.get(hpa.spec.scaleTargetRef.name);
      if (target && target.replicas > 0) {
        target.replicas = Math.min(
          hpa.spec.maxReplicas,
          Math.max(hpa.spec.minReplicas, target.replicas),
        );
      }
    }
  }

  /** The Deployments a Service of the current manifest sends traffic to. */
  servedBy(serviceName: string): LiveDeployment[] {
    const service = this.manifest.find(
      o => o.kind === 'Service' && o.metadata.name === serviceName,
    );
    if (!service) {
      throw new Error(`no Service ${serviceName}`);
    }
    const selector: Record<string, string> = service.spec.selector;
    return [...this.deployments.values()].filter(d =>
      Object.entries(selector).every(([k, v]) => d.labels[k] === v),
    );
  }

  /** The colour a Service selects. */
  colorOf(serviceName: string): string | undefined {
    return this.manifest.find(
      o => o.kind === 'Service' && o.metadata.name === serviceName,
    )?.spec.selector[LABELS.color];
  }
}
