import {
  evaluateClusters,
  type ClusterSnapshot,
} from '@evolution-todo/plugin-evolution-todo-common';
import { ReleaseSimulator } from './ReleaseSimulator';

const NOW = Date.parse('2026-11-27T12:00:00Z');

describe('ReleaseSimulator', () => {
  it('runs every workload the renderer renders, and nothing else', () => {
    const release = ReleaseSimulator.fromParameters(
      { name: 'todo', namespace: 'todo' },
      { now: NOW },
    );
    const rendered = (kind: string) =>
      release.rendered
        .filter(p => p.object.kind === kind)
        .map(p => p.object.metadata.name)
        .sort();
    const snapshot: ClusterSnapshot = release.snapshot();
    expect(snapshot.deployments!.map(d => d.metadata!.name).sort()).toEqual(
      rendered('Deployment'),
    );
    expect(snapshot.statefulSets!.map(s => s.metadata!.name)).toEqual(
      rendered('StatefulSet'),
    );
    expect(
      snapshot.horizontalPodAutoscalers!.map(h => h.metadata!.name),
    ).toEqual(rendered('HorizontalPodAutoscaler'));
    expect(snapshot.services!.map(s => s.metadata!.name).sort()).toEqual(
      rendered('Service'),
    );
  });

  it('keeps every pod and ReplicaSet consistent with its controller', () => {
    const release = ReleaseSimulator.fromParameters(
      { name: 'todo', namespace: 'todo' },
      { now: NOW },
    );
    const snapshot = release.snapshot();
    for (const d of snapshot.deployments!) {
      const selector = d.spec!.selector!.matchLabels!;
      const pods = snapshot.pods!.filter(p =>
        Object.entries(selector).every(
          ([k, v]) => p.metadata!.labels![k] === v,
        ),
      );
      expect(pods).toHaveLength(d.spec!.replicas!);
      expect(d.status!.readyReplicas ?? 0).toBe(d.spec!.replicas);
      for (const pod of pods) {
        const rs = snapshot.replicaSets!.find(
          r => r.metadata!.name === pod.metadata!.ownerReferences![0].name,
        )!;
        expect(rs.metadata!.ownerReferences![0].name).toBe(d.metadata!.name);
        expect(pod.metadata!.name).toMatch(
          new RegExp(`^${rs.metadata!.name}-[b-z2-9]{5}$`),
        );
        expect(pod.metadata!.labels!['pod-template-hash']).toBe(
          rs.metadata!.name!.slice(d.metadata!.name!.length + 1),
        );
      }
    }
    // The HPA owns the backend's replica count: the Deployment states none when rendered.
    const renderedBackend = release.rendered.find(
      p =>
        p.object.metadata.name === 'todo-backend' &&
        p.object.kind === 'Deployment',
    )!.object as unknown as { spec: { replicas?: number } };
    expect(renderedBackend.spec.replicas).toBeUndefined();
    expect(release.deployment('backend').spec!.replicas).toBe(
      release.hpa('backend').status!.currentReplicas,
    );
    // The StatefulSet's PVC comes from its volumeClaimTemplate.
    expect(snapshot.persistentVolumeClaims!.map(c => c.metadata!.name)).toEqual(
      ['data-todo-postgres-0'],
    );
  });

  it('gives a healthy release a healthy verdict', () => {
    const release = ReleaseSimulator.fromParameters(
      { name: 'todo', namespace: 'todo' },
      { now: NOW },
    );
    const health = evaluateClusters([release.snapshot()], [], { now: NOW });
    expect(health.reasons).toEqual([
      `all ${health.workloads.length} workloads are healthy`,
    ]);
  });

  it('steps a rolling update: the controller counts follow the pods', () => {
    const release = ReleaseSimulator.fromParameters(
      { name: 'todo', namespace: 'todo' },
      { now: NOW },
    ).rollout('backend', { tag: '0.2.0', updated: 1, ready: 0 });
    const d = release.deployment('backend');
    expect(d.status).toMatchObject({
      replicas: 4,
      updatedReplicas: 1,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(d.metadata!.generation).toBe(d.status!.observedGeneration);
    expect(release.podsOf('backend')).toHaveLength(4);
  });
});
