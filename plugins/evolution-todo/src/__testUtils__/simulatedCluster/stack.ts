/**
 * TEST DOUBLE. One evolution-todo release as the simulated cluster serves it:
 * the objects come from the scaffolder module's ReleaseSimulator (the real
 * renderer's output plus simulated controller status), and beside them what
 * the app itself answers on its health paths, which no Kubernetes object holds.
 */
import {
  HEALTH_ENDPOINTS,
  type AppComponent,
  type ClusterSnapshot,
} from '@evolution-todo/plugin-evolution-todo-common';
import { ReleaseSimulator } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils';

/** What the app itself answers on a health path (when a pod backs its Service). */
export interface AppAnswer {
  status: number;
  body: unknown;
}

export type Stack = Required<
  Omit<ClusterSnapshot, 'cluster' | 'unreadable'>
> & {
  release: string;
  namespace: string;
  /** `<component> <path>` → the app's answer. */
  answers: Map<string, AppAnswer>;
};

export interface StackOptions {
  release: string;
  namespace: string;
  now: number;
  /** Extra template parameters, e.g. `{ rollout: { strategy: 'blue-green' } }`. */
  parameters?: Record<string, unknown>;
}

/** A running release and the app's answers: every health path answers 200. */
export class SimulatedStack {
  readonly release: ReleaseSimulator;
  readonly answers = new Map<string, AppAnswer>();

  constructor(options: StackOptions) {
    this.release = ReleaseSimulator.fromParameters(
      {
        name: options.release,
        namespace: options.namespace,
        ...options.parameters,
      },
      { now: options.now, cluster: 'simulated' },
    );
    for (const component of ['frontend', 'backend', 'mcp'] as const) {
      this.answerHealthy(component);
    }
  }

  answerHealthy(component: AppComponent) {
    for (const { path, probe } of HEALTH_ENDPOINTS[component]) {
      this.answers.set(`${component} ${path}`, {
        status: 200,
        body:
          component === 'backend' && probe === 'readiness'
            ? { status: 'ok', database: 'ok' }
            : { status: 'ok' },
      });
    }
  }

  toStack(): Stack {
    const snapshot = this.release.snapshot();
    return {
      release: this.release.spec.name,
      namespace: this.release.spec.namespace,
      deployments: snapshot.deployments ?? [],
      replicaSets: snapshot.replicaSets ?? [],
      statefulSets: snapshot.statefulSets ?? [],
      pods: snapshot.pods ?? [],
      services: snapshot.services ?? [],
      horizontalPodAutoscalers: snapshot.horizontalPodAutoscalers ?? [],
      persistentVolumeClaims: snapshot.persistentVolumeClaims ?? [],
      events: snapshot.events ?? [],
      answers: this.answers,
    };
  }
}
