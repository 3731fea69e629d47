import {
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service, ServiceAccount } from 'kubernetes-models/v1';
import type { LoadedObject, ManifestObject } from '../types';

/**
 * A small stack that passes every rule: a backend Deployment scaled by an HPA,
 * its Service, PDB and ServiceMonitor, a default-deny NetworkPolicy and the
 * ServiceAccount. Rule tests break one thing at a time.
 */
const NAMESPACE = 'todo';
const labels = (component?: string) => ({
  'app.kubernetes.io/name': 'evolution-todo',
  'app.kubernetes.io/instance': 'todo',
  ...(component ? { 'app.kubernetes.io/component': component } : {}),
  'app.kubernetes.io/part-of': 'todo',
  'app.kubernetes.io/version': '1.0.0',
  'app.kubernetes.io/managed-by': 'Helm',
  'backstage.io/kubernetes-id': 'todo',
});
const selector = {
  'app.kubernetes.io/name': 'evolution-todo',
  'app.kubernetes.io/instance': 'todo',
  'app.kubernetes.io/component': 'backend',
};
const meta = (name: string, component?: string) => ({
  name,
  namespace: NAMESPACE,
  labels: labels(component),
});

const objects = (): ManifestObject[] =>
  [
    new ServiceAccount({
      metadata: meta('todo'),
      automountServiceAccountToken: false,
    }),
    new NetworkPolicy({
      metadata: meta('todo-default-deny'),
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    }),
    new Deployment({
      metadata: meta('todo-backend', 'backend'),
      spec: {
        selector: { matchLabels: selector },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
        },
        template: {
          metadata: { labels: labels('backend') },
          spec: {
            serviceAccountName: 'todo',
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: 30,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              runAsGroup: 10001,
              fsGroup: 10001,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'kubernetes.io/hostname',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: selector },
              },
            ],
            containers: [
              {
                name: 'backend',
                image: 'ghcr.io/evolution-todo/todo-backend:1.0.0',
                ports: [{ name: 'http', containerPort: 8000 }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                resources: {
                  requests: { cpu: '250m', memory: '256Mi' },
                  limits: { cpu: '500m', memory: '512Mi' },
                },
                startupProbe: {
                  httpGet: { path: '/health', port: 'http' },
                  failureThreshold: 30,
                },
                livenessProbe: { httpGet: { path: '/health', port: 'http' } },
                readinessProbe: {
                  httpGet: { path: '/readiness', port: 'http' },
                },
                lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    }),
    new Service({
      metadata: meta('todo-backend', 'backend'),
      spec: {
        selector,
        ports: [{ name: 'http', port: 8000, targetPort: 'http' }],
      },
    }),
    new HorizontalPodAutoscaler({
      metadata: meta('todo-backend', 'backend'),
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'todo-backend',
        },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 70 },
            },
          },
        ],
      },
    }),
    new PodDisruptionBudget({
      metadata: meta('todo-backend', 'backend'),
      spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
    }),
    new ServiceMonitor({
      metadata: {
        ...meta('todo-backend', 'backend'),
        labels: { ...labels('backend'), release: 'kube-prometheus-stack' },
      },
      spec: {
        selector: { matchLabels: selector },
        endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }],
      },
    }),
    new PrometheusRule({
      metadata: {
        ...meta('todo-rules'),
        labels: { ...labels(), release: 'kube-prometheus-stack' },
      },
      spec: {
        groups: [
          {
            name: 'todo',
            rules: [
              {
                alert: 'TodoBackendDown',
                expr: 'up{job="todo-backend"} == 0',
                for: '5m',
              },
            ],
          },
        ],
      },
    }),
  ].map(model => JSON.parse(JSON.stringify(model.toJSON())));

/** Where the compliant stack's objects are written: the Prometheus Operator's apart. */
export const STACK_FILE = 'k8s/stack.yaml';
export const OPERATOR_STACK_FILE = 'k8s/monitoring/stack.yaml';

const fileOf = (object: ManifestObject) =>
  object.apiVersion.startsWith('monitoring.coreos.com/')
    ? OPERATOR_STACK_FILE
    : STACK_FILE;

/** A fresh copy of the compliant stack, as the validator loads it. */
export function goodStack(): LoadedObject[] {
  const documents = new Map<string, number>();
  return objects().map(object => {
    const file = fileOf(object);
    const document = documents.get(file) ?? 0;
    documents.set(file, document + 1);
    return { object, file, document };
  });
}

/** The stack's objects by file, for tests that write it to disk. */
export function stackFiles(
  stack: readonly ManifestObject[] = goodStack().map(o => o.object),
): Record<string, ManifestObject[]> {
  const files: Record<string, ManifestObject[]> = {};
  for (const object of stack) (files[fileOf(object)] ??= []).push(object);
  return files;
}

/** The first object of a kind in a stack (tests mutate it in place). */
export function find(stack: LoadedObject[], kind: string): ManifestObject {
  const found = stack.find(o => o.object.kind === kind);
  if (!found) {
    throw new Error(`no ${kind} in the stack`);
  }
  return found.object;
}

/** The backend Deployment's pod spec and first container, for mutation. */
export function backendPod(stack: LoadedObject[]): {
  pod: any;
  container: any;
} {
  const pod = (find(stack, 'Deployment') as any).spec.template.spec;
  return { pod, container: pod.containers[0] };
}
