import { COMPONENTS, type Component } from '../naming/components';
import { LABELS } from '../naming/labels';
import { componentName } from '../naming/names';
import type {
  Deployment,
  KubeObject,
  OwnerReference,
  StatefulSet,
} from './kubernetes';
import type { ClusterSnapshot, WorkloadObjects } from './types';

type Controller = Deployment | StatefulSet;

function controllerOf(object: KubeObject): OwnerReference | undefined {
  const owners = object.metadata?.ownerReferences;
  if (!owners?.length) return undefined;
  for (const owner of owners) if (owner.controller) return owner;
  return owners[0];
}

function isComponent(value: string | undefined): value is Component {
  return (COMPONENTS as readonly (string | undefined)[]).includes(value);
}

function matchesLabels(
  wanted: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!wanted || !labels) return false;
  const keys = Object.keys(wanted);
  return keys.length > 0 && keys.every(key => labels[key] === wanted[key]);
}

/**
 * Sorts a cluster's objects into workloads: one per Deployment or StatefulSet,
 * except that the blue and green Deployments of one component form a single
 * workload. Pods are found through their owners (Pod → ReplicaSet → Deployment,
 * Pod → StatefulSet), falling back to selectors for pods without owners;
 * HPAs through scaleTargetRef; PVCs through pod volumes and volumeClaimTemplates;
 * Events through their involvedObject. Linear in the number of objects.
 */
export function groupWorkloads(snapshot: ClusterSnapshot): WorkloadObjects[] {
  const workloads = new Map<string, WorkloadObjects>();
  // kind → namespace → name → workload. Nested maps, not joined string keys:
  // with thousands of pods the string building dominated the cost.
  const owners = new Map<string, Map<string, Map<string, WorkloadObjects>>>();
  const own = (
    kind: string,
    ns: string,
    name: string | undefined,
    w: WorkloadObjects,
  ) => {
    let byNs = owners.get(kind);
    if (!byNs) owners.set(kind, (byNs = new Map()));
    let byName = byNs.get(ns);
    if (!byName) byNs.set(ns, (byName = new Map()));
    byName.set(name ?? '', w);
  };
  const ownerOf = (kind: string, ns: string, name: string | undefined) =>
    owners
      .get(kind)
      ?.get(ns)
      ?.get(name ?? '');
  const controllersByNamespace = new Map<
    string,
    Array<{ controller: Controller; workload: WorkloadObjects }>
  >();

  const addController = (
    controller: Controller,
    kind: WorkloadObjects['kind'],
  ) => {
    const ns = controller.metadata?.namespace ?? '';
    const labels = controller.metadata?.labels ?? {};
    const release = labels[LABELS.instance];
    const component = labels[LABELS.component];
    const ours = release !== undefined && isComponent(component);
    const name = ours
      ? componentName(release, component)
      : controller.metadata?.name ?? '(unnamed)';
    const key = `${ns}/${kind}/${name}`;
    let workload = workloads.get(key);
    if (!workload) {
      workload = {
        key,
        cluster: snapshot.cluster,
        namespace: ns || undefined,
        name,
        component: ours ? component : undefined,
        release: ours ? release : undefined,
        kind,
        deployments: [],
        replicaSets: [],
        pods: [],
        horizontalPodAutoscalers: [],
        persistentVolumeClaims: [],
        services: [],
        events: [],
      };
      workloads.set(key, workload);
    }
    if (kind === 'Deployment') workload.deployments.push(controller);
    else workload.statefulSet = controller as StatefulSet;
    own(kind, ns, controller.metadata?.name, workload);
    const list = controllersByNamespace.get(ns) ?? [];
    list.push({ controller, workload });
    controllersByNamespace.set(ns, list);
  };

  for (const deployment of snapshot.deployments ?? []) {
    addController(deployment, 'Deployment');
  }
  for (const statefulSet of snapshot.statefulSets ?? []) {
    addController(statefulSet, 'StatefulSet');
  }

  const bySelector = (ns: string, labels: Record<string, string> | undefined) =>
    controllersByNamespace
      .get(ns)
      ?.find(({ controller }) =>
        matchesLabels(controller.spec?.selector?.matchLabels, labels),
      )?.workload;

  for (const replicaSet of snapshot.replicaSets ?? []) {
    const ns = replicaSet.metadata?.namespace ?? '';
    const owner = controllerOf(replicaSet);
    const workload =
      owner?.kind === 'Deployment'
        ? ownerOf('Deployment', ns, owner.name)
        : undefined;
    if (!workload) continue;
    workload.replicaSets.push(replicaSet);
    own('ReplicaSet', ns, replicaSet.metadata?.name, workload);
  }

  const claimOwners = new Map<string, WorkloadObjects>();
  // Pod volumes only matter for attributing PVCs; without any, skip reading them.
  const attributeClaims = (snapshot.persistentVolumeClaims?.length ?? 0) > 0;
  // The API lists pods sorted by namespace and name, so pods of one ReplicaSet
  // come together: remembering the last owner saves most lookups.
  let lastOwner: { ns: string; name?: string; workload?: WorkloadObjects } = {
    ns: '',
  };
  for (const pod of snapshot.pods ?? []) {
    const ns = pod.metadata?.namespace ?? '';
    const owner = controllerOf(pod);
    let workload: WorkloadObjects | undefined;
    if (
      owner?.kind === 'ReplicaSet' &&
      owner.name === lastOwner.name &&
      ns === lastOwner.ns
    ) {
      workload = lastOwner.workload;
    } else if (owner?.kind === 'ReplicaSet') {
      workload = ownerOf('ReplicaSet', ns, owner.name);
      if (!workload) {
        // The ReplicaSet was not fetched: its name is `<deployment>-<pod-template-hash>`.
        const hash = pod.metadata?.labels?.['pod-template-hash'];
        if (hash && owner.name?.endsWith(`-${hash}`)) {
          const deployment = owner.name.slice(0, -hash.length - 1);
          workload = ownerOf('Deployment', ns, deployment);
        }
      }
      lastOwner = { ns, name: owner.name, workload };
    } else if (owner?.kind === 'StatefulSet') {
      workload = ownerOf('StatefulSet', ns, owner.name);
    } else if (!owner) {
      workload = bySelector(ns, pod.metadata?.labels);
    }
    if (!workload) continue;
    workload.pods.push(pod);
    const volumes = attributeClaims ? pod.spec?.volumes : undefined;
    if (volumes) {
      for (const volume of volumes) {
        const claim = volume.persistentVolumeClaim?.claimName;
        if (claim) claimOwners.set(`${ns}/${claim}`, workload);
      }
    }
  }

  for (const hpa of snapshot.horizontalPodAutoscalers ?? []) {
    const ns = hpa.metadata?.namespace ?? '';
    const target = hpa.spec?.scaleTargetRef;
    const workload = target?.kind
      ? ownerOf(target.kind, ns, target.name)
      : undefined;
    if (!workload) continue;
    workload.horizontalPodAutoscalers.push(hpa);
    own('HorizontalPodAutoscaler', ns, hpa.metadata?.name, workload);
  }

  // volumeClaimTemplates name PVCs `<template>-<statefulset>-<ordinal>`; this
  // finds PVCs whose pod does not exist (yet).
  const claimPrefixes: Array<{
    ns: string;
    prefix: string;
    workload: WorkloadObjects;
  }> = [];
  for (const workload of workloads.values()) {
    const sts = workload.statefulSet;
    for (const template of sts?.spec?.volumeClaimTemplates ?? []) {
      claimPrefixes.push({
        ns: sts?.metadata?.namespace ?? '',
        prefix: `${template.metadata?.name}-${sts?.metadata?.name}-`,
        workload,
      });
    }
  }
  for (const claim of snapshot.persistentVolumeClaims ?? []) {
    const ns = claim.metadata?.namespace ?? '';
    const name = claim.metadata?.name ?? '';
    const workload =
      claimOwners.get(`${ns}/${name}`) ??
      claimPrefixes.find(
        c =>
          c.ns === ns &&
          name.startsWith(c.prefix) &&
          /^\d+$/.test(name.slice(c.prefix.length)),
      )?.workload;
    if (!workload) continue;
    workload.persistentVolumeClaims.push(claim);
    own('PersistentVolumeClaim', ns, name, workload);
  }

  const workloadList = [...workloads.values()];
  for (const service of snapshot.services ?? []) {
    const ns = service.metadata?.namespace ?? '';
    const labels = service.metadata?.labels ?? {};
    const release = labels[LABELS.instance];
    const component = labels[LABELS.component];
    let matched: WorkloadObjects[] = [];
    if (release !== undefined && isComponent(component)) {
      const name = componentName(release, component);
      matched = workloadList.filter(
        w => w.namespace === (ns || undefined) && w.name === name,
      );
    } else {
      const selector = service.spec?.selector;
      const workload = controllersByNamespace
        .get(ns)
        ?.find(({ controller }) =>
          matchesLabels(selector, controller.spec?.template?.metadata?.labels),
        )?.workload;
      matched = workload ? [workload] : [];
    }
    for (const workload of matched) {
      workload.services.push(service);
      own('Service', ns, service.metadata?.name, workload);
    }
  }

  const events = snapshot.events ?? [];
  if (events.length > 0) {
    // Pods are indexed only when there are events to route: most of the time there are none.
    for (const workload of workloadList) {
      for (const pod of workload.pods) {
        own('Pod', pod.metadata?.namespace ?? '', pod.metadata?.name, workload);
      }
    }
    for (const event of events) {
      const involved = event.involvedObject;
      if (!involved?.kind) continue;
      const ns = involved.namespace ?? event.metadata?.namespace ?? '';
      ownerOf(involved.kind, ns, involved.name)?.events.push(event);
    }
  }

  return workloadList;
}
