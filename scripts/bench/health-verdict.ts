/**
 * Times our health verdict against @backstage/plugin-kubernetes-common's
 * detectErrors on the same objects: 50 Deployments, 2,000 pods, 50 HPAs in one
 * cluster, with a realistic share of problems so both have work to do.
 *
 *   yarn bench:health   (node with the Backstage CLI's TypeScript transform)
 *
 * Target: the verdict takes at most 20 ms and is no slower than detectErrors.
 * Exits 1 when the target is missed, so CI can run it.
 */
import { performance } from 'node:perf_hooks';
import {
  detectErrors,
  type ObjectsByEntityResponse,
} from '@backstage/plugin-kubernetes-common';
import {
  commonLabels,
  componentName,
  evaluateClusters,
  selectorLabels,
  snapshotFromFetchResponses,
  type Deployment,
  type HorizontalPodAutoscaler,
  type Pod,
  type ReplicaSet,
} from '@evolution-todo/plugin-evolution-todo-common';
import { median, percentile } from './stats';

const RELEASES = 25;
const COMPONENTS = ['frontend', 'backend'] as const; // 25 × 2 = 50 Deployments
const PODS_PER_DEPLOYMENT = 40; // 50 × 40 = 2,000 pods
const WARMUP = 30;
const RUNS = 300;
const BLOCK = 20;
const TARGET_MS = 20;
const NOW = Date.now();

function iso(secondsAgo: number): string {
  return new Date(NOW - secondsAgo * 1000).toISOString();
}

function buildCluster() {
  const deployments: Deployment[] = [];
  const replicaSets: ReplicaSet[] = [];
  const pods: Pod[] = [];
  const hpas: HorizontalPodAutoscaler[] = [];
  let podIndex = 0;
  for (let r = 0; r < RELEASES; r++) {
    const release = `svc${String(r).padStart(2, '0')}`;
    const ctx = { release, version: '1.4.2', chartVersion: '0.1.0' };
    for (const component of COMPONENTS) {
      const name = componentName(release, component);
      // Every fifth Deployment has a crash-looping pod, every seventh an unready one.
      const crashing = (r + component.length) % 5 === 0;
      const unready = (r + component.length) % 7 === 0;
      const ready =
        PODS_PER_DEPLOYMENT - (crashing ? 1 : 0) - (unready ? 1 : 0);
      const labels = selectorLabels(release, component);
      deployments.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name,
          namespace: release,
          generation: 3,
          labels: commonLabels(ctx, component),
        },
        spec: {
          replicas: PODS_PER_DEPLOYMENT,
          selector: { matchLabels: labels },
          strategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
          },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: component,
                  image: `ghcr.io/acme/${name}:1.4.2`,
                  resources: { limits: { memory: '512Mi' } },
                },
              ],
            },
          },
        },
        status: {
          observedGeneration: 3,
          replicas: PODS_PER_DEPLOYMENT,
          updatedReplicas: PODS_PER_DEPLOYMENT,
          readyReplicas: ready,
          availableReplicas: ready,
          unavailableReplicas: PODS_PER_DEPLOYMENT - ready,
          conditions: [
            {
              type: 'Available',
              status: 'True',
              reason: 'MinimumReplicasAvailable',
            },
            {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
            },
          ],
        },
      });
      const hash = `7d9c${String(r).padStart(2, '0')}f5b`;
      const rsName = `${name}-${hash}`;
      replicaSets.push({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: release,
          labels: { ...labels, 'pod-template-hash': hash },
          ownerReferences: [{ kind: 'Deployment', name, controller: true }],
        },
        spec: { replicas: PODS_PER_DEPLOYMENT },
        status: { replicas: PODS_PER_DEPLOYMENT, readyReplicas: ready },
      });
      for (let p = 0; p < PODS_PER_DEPLOYMENT; p++) {
        const isCrashing = crashing && p === 0;
        const isUnready = unready && p === 1;
        const isReady = !isCrashing && !isUnready;
        podIndex++;
        pods.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: `${rsName}-${podIndex.toString(36).padStart(5, 'x')}`,
            namespace: release,
            creationTimestamp: iso(7200),
            labels: { ...labels, 'pod-template-hash': hash },
            ownerReferences: [
              { kind: 'ReplicaSet', name: rsName, controller: true },
            ],
          },
          spec: {
            containers: [
              { name: component, image: `ghcr.io/acme/${name}:1.4.2` },
            ],
          },
          status: {
            phase: 'Running',
            startTime: iso(7200),
            conditions: [
              { type: 'PodScheduled', status: 'True' },
              { type: 'ContainersReady', status: isReady ? 'True' : 'False' },
              {
                type: 'Ready',
                status: isReady ? 'True' : 'False',
                reason: isReady ? undefined : 'ContainersNotReady',
              },
            ],
            containerStatuses: [
              {
                name: component,
                image: `ghcr.io/acme/${name}:1.4.2`,
                ready: isReady,
                restartCount: isCrashing ? 9 : 0,
                state: isCrashing
                  ? {
                      waiting: {
                        reason: 'CrashLoopBackOff',
                        message: 'back-off 5m0s restarting failed container',
                      },
                    }
                  : { running: { startedAt: iso(7200) } },
                lastState: isCrashing
                  ? {
                      terminated: {
                        reason: 'Error',
                        exitCode: 1,
                        finishedAt: iso(40),
                      },
                    }
                  : {},
              },
            ],
          },
        });
      }
      // Every tenth HPA is saturated at its maximum while CPU is over target.
      const saturated = (r + component.length) % 10 === 0;
      hpas.push({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: {
          name,
          namespace: release,
          labels: commonLabels(ctx, component),
        },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: 10,
          maxReplicas: PODS_PER_DEPLOYMENT,
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: 70 },
              },
            },
            {
              type: 'Resource',
              resource: {
                name: 'memory',
                target: { type: 'Utilization', averageUtilization: 80 },
              },
            },
          ],
        },
        status: {
          currentReplicas: PODS_PER_DEPLOYMENT,
          desiredReplicas: saturated ? PODS_PER_DEPLOYMENT : 30,
          currentMetrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                current: { averageUtilization: saturated ? 140 : 52 },
              },
            },
            {
              type: 'Resource',
              resource: { name: 'memory', current: { averageUtilization: 61 } },
            },
          ],
          conditions: [
            { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' },
            {
              type: 'ScalingActive',
              status: 'True',
              reason: 'ValidMetricFound',
            },
            {
              type: 'ScalingLimited',
              status: saturated ? 'True' : 'False',
              reason: saturated ? 'TooManyReplicas' : 'DesiredWithinRange',
            },
          ],
        },
      });
    }
  }
  return { deployments, replicaSets, pods, hpas };
}

function main() {
  const { deployments, replicaSets, pods, hpas } = buildCluster();
  // Both sides get exactly what the Kubernetes backend sends the browser.
  const response = JSON.parse(
    JSON.stringify({
      items: [
        {
          cluster: { name: 'bench' },
          podMetrics: [],
          errors: [],
          resources: [
            { type: 'pods', resources: pods },
            { type: 'deployments', resources: deployments },
            { type: 'replicasets', resources: replicaSets },
            { type: 'horizontalpodautoscalers', resources: hpas },
          ],
        },
      ],
    }),
  ) as ObjectsByEntityResponse;

  // Ours: parse the backend's answer into snapshots, group, evaluate every workload and the system.
  const verdict = () =>
    evaluateClusters(
      response.items.map(item =>
        snapshotFromFetchResponses(
          item.cluster.name,
          item.resources,
          item.errors,
        ),
      ),
      [],
      { now: NOW },
    );
  const upstream = () => detectErrors(response);

  for (let i = 0; i < WARMUP; i++) {
    verdict();
    upstream();
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  // Blocks of runs, alternating between the two, so both see the same machine
  // conditions (other processes, garbage collection).
  const timeBlock = (fn: () => unknown, into: number[]) => {
    for (let i = 0; i < BLOCK; i++) {
      const start = performance.now();
      fn();
      into.push(performance.now() - start);
    }
  };
  for (let round = 0; round < RUNS / BLOCK; round++) {
    timeBlock(verdict, ours);
    timeBlock(upstream, theirs);
  }

  const result = verdict();
  const detected = [...upstream().values()].flat().length;
  const oursMs = median(ours);
  const theirsMs = median(theirs);
  const ratio = oursMs / theirsMs;
  const pass = oursMs <= TARGET_MS && oursMs <= theirsMs;

  console.log(
    `objects: ${deployments.length} deployments, ${replicaSets.length} replicasets, ${pods.length} pods, ${hpas.length} HPAs; ${RUNS} runs after ${WARMUP} warm-up`,
  );
  console.log(
    `health verdict : median ${oursMs.toFixed(2)} ms, p95 ${percentile(
      ours,
      0.95,
    ).toFixed(2)} ms (system ${result.verdict}, ${
      result.workloads.length
    } workloads, ${result.reasons.length} reasons)`,
  );
  console.log(
    `detectErrors   : median ${theirsMs.toFixed(2)} ms, p95 ${percentile(
      theirs,
      0.95,
    ).toFixed(2)} ms (${detected} errors detected)`,
  );
  console.log(`ratio verdict/detectErrors: ${ratio.toFixed(2)}`);
  console.log(
    `${
      pass ? 'PASS' : 'FAIL'
    }: target is ≤ ${TARGET_MS} ms and no slower than detectErrors`,
  );
  if (!pass) process.exitCode = 1;
}

main();
