/**
 * Times our health verdict against @backstage/plugin-kubernetes-common's
 * detectErrors on the same objects: 25 whole rendered releases in one cluster
 * (150 Deployments: frontend and backend at 40 pods each, the MCP server and the
 * exporters beside them; about 2,150 pods), with a realistic share of problems
 * so both have work to do. Only the kinds detectErrors reads are given to both
 * (pods, Deployments, ReplicaSets, HPAs).
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
  evaluateClusters,
  snapshotFromFetchResponses,
  type Deployment,
  type HorizontalPodAutoscaler,
  type Pod,
  type ReplicaSet,
} from '@evolution-todo/plugin-evolution-todo-common';
import { ReleaseSimulator } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils';
import { collectGarbage, median, percentile } from './stats';

const RELEASES = 25;
const PODS_PER_DEPLOYMENT = 40; // frontend and backend of 25 releases: 2,000 pods
const WARMUP = 30;
const RUNS = 300;
const BLOCK = 20;
const TARGET_MS = 20;
const NOW = Date.now();

/**
 * 25 releases as the renderer renders them (one test double: ReleaseSimulator),
 * frontend and backend at 40 pods, with a realistic share of problems so both
 * sides have work to do: every fifth app Deployment has a crash-looping pod,
 * every seventh an unready one, every tenth HPA is at its maximum while hot.
 */
function buildCluster() {
  const deployments: Deployment[] = [];
  const replicaSets: ReplicaSet[] = [];
  const pods: Pod[] = [];
  const hpas: HorizontalPodAutoscaler[] = [];
  for (let r = 0; r < RELEASES; r++) {
    const release = ReleaseSimulator.fromParameters(
      {
        name: `svc${String(r).padStart(2, '0')}`,
        namespace: `svc${String(r).padStart(2, '0')}`,
        imageTag: '1.4.2',
        frontend: { replicas: PODS_PER_DEPLOYMENT },
        backend: {
          autoscaling: {
            enabled: true,
            minReplicas: 10,
            maxReplicas: PODS_PER_DEPLOYMENT,
            targetMemoryUtilizationPercentage: 80,
          },
        },
      },
      { now: NOW, cluster: 'bench' },
    );
    const saturated = r % 10 === 0;
    release.setHpa('backend', {
      current: PODS_PER_DEPLOYMENT,
      desired: saturated ? PODS_PER_DEPLOYMENT : 30,
      cpu: saturated ? 140 : 52,
      memory: 61,
    });
    for (const component of ['frontend', 'backend'] as const) {
      if ((r + component.length) % 5 === 0) {
        release.failPod(component, 0, {
          type: 'CrashLoopBackOff',
          restarts: 9,
        });
      }
      if ((r + component.length) % 7 === 0) {
        release.failPod(component, 1, { type: 'NotReady' });
      }
    }
    const snapshot = release.snapshot();
    deployments.push(...snapshot.deployments!);
    replicaSets.push(...snapshot.replicaSets!);
    pods.push(...snapshot.pods!);
    hpas.push(...snapshot.horizontalPodAutoscalers!);
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
  const oursCpu: number[] = [];
  const theirsCpu: number[] = [];
  // Blocks of runs, alternating between the two, so both see the same machine
  // conditions (other processes, garbage collection). Each run's wall time
  // gives the latency a browser sees; each block's CPU time, per run, gives the
  // ratio: on a shared machine the time this process waits for a core lands in
  // wall time at random, but never in CPU time.
  const timeBlock = (fn: () => unknown, into: number[], cpu: number[]) => {
    // Each side pays for its own garbage: the other side's is collected
    // before the block starts, untimed (`node --expose-gc`).
    collectGarbage();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < BLOCK; i++) {
      const start = performance.now();
      fn();
      into.push(performance.now() - start);
    }
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000 / BLOCK);
  };
  for (let round = 0; round < RUNS / BLOCK; round++) {
    timeBlock(verdict, ours, oursCpu);
    timeBlock(upstream, theirs, theirsCpu);
  }

  const result = verdict();
  const detected = [...upstream().values()].flat().length;
  const oursMs = median(ours);
  const theirsMs = median(theirs);
  const ratio = median(oursCpu) / median(theirsCpu);
  const pass = oursMs <= TARGET_MS && ratio <= 1;

  console.log(
    `objects: ${deployments.length} deployments, ${replicaSets.length} replicasets, ${pods.length} pods, ${hpas.length} HPAs; ${RUNS} runs after ${WARMUP} warm-up`,
  );
  console.log(
    `health verdict : median ${oursMs.toFixed(2)} ms, p95 ${percentile(
      ours,
      0.95,
    ).toFixed(2)} ms, CPU ${median(oursCpu).toFixed(2)} ms per run (system ${
      result.verdict
    }, ${result.workloads.length} workloads, ${result.reasons.length} reasons)`,
  );
  console.log(
    `detectErrors   : median ${theirsMs.toFixed(2)} ms, p95 ${percentile(
      theirs,
      0.95,
    ).toFixed(2)} ms, CPU ${median(theirsCpu).toFixed(
      2,
    )} ms per run (${detected} errors detected)`,
  );
  console.log(`ratio verdict/detectErrors (CPU time): ${ratio.toFixed(2)}`);
  console.log(
    `${
      pass ? 'PASS' : 'FAIL'
    }: target is ≤ ${TARGET_MS} ms and no slower than detectErrors`,
  );
  if (!pass) process.exitCode = 1;
}

main();
