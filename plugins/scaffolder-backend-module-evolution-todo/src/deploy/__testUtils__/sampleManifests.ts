import { stringify } from 'yaml';

/**
 * A small rendered stack for namespace `namespace`, laid out as the render
 * actions lay out k8s/: one folder per kind family, multi-document files, a
 * secret that is only an example, objects in files whose alphabetical order
 * is not the apply order.
 */
export function sampleManifestFiles(namespace: string): Record<string, string> {
  const labels = {
    'app.kubernetes.io/part-of': 'todo',
    'backstage.io/kubernetes-id': 'todo',
  };
  const meta = (name: string, component: string) => ({
    name,
    namespace,
    labels: { ...labels, 'app.kubernetes.io/component': component },
  });
  const podSpec = (image: string) => ({
    securityContext: {
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        name: 'main',
        image,
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        },
      },
    ],
  });
  const docs = (...objects: object[]) =>
    objects.map(object => stringify(object)).join('---\n');

  return {
    'k8s/configmaps/backend.yaml': docs({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('backend-config', 'backend'),
      data: { LOG_LEVEL: 'info' },
    }),
    'k8s/deployments/backend.yaml': docs({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('backend', 'backend'),
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'app.kubernetes.io/component': 'backend' } },
        template: {
          metadata: {
            labels: { ...labels, 'app.kubernetes.io/component': 'backend' },
          },
          spec: podSpec('ghcr.io/acme/todo-backend:1.0.0'),
        },
      },
    }),
    'k8s/deployments/postgres.yaml': docs({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta('postgres', 'database'),
      spec: {
        replicas: 1,
        serviceName: 'postgres',
        selector: {
          matchLabels: { 'app.kubernetes.io/component': 'database' },
        },
        template: {
          metadata: {
            labels: { ...labels, 'app.kubernetes.io/component': 'database' },
          },
          spec: podSpec('postgres:17-alpine'),
        },
      },
    }),
    'k8s/hpa.yaml': docs({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta('backend', 'backend'),
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'backend',
        },
        minReplicas: 2,
        maxReplicas: 5,
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
    'k8s/monitoring/servicemonitor.yaml': docs({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: {
        ...meta('backend', 'backend'),
        labels: { ...labels, release: 'kube-prometheus-stack' },
      },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/component': 'backend' } },
        endpoints: [{ port: 'http', path: '/metrics' }],
      },
    }),
    'k8s/networkpolicies/default-deny.yaml': docs({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('default-deny', 'policy'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    }),
    'k8s/pdb.yaml': docs({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta('backend', 'backend'),
      spec: {
        minAvailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/component': 'backend' } },
      },
    }),
    'k8s/secrets/backend.yaml.example': docs({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta('backend-secrets', 'backend'),
      stringData: { DATABASE_URL: 'postgres://change-me' },
    }),
    'k8s/services/services.yaml': docs(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('backend', 'backend'),
        spec: {
          selector: { 'app.kubernetes.io/component': 'backend' },
          ports: [{ name: 'http', port: 8000, targetPort: 8000 }],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('postgres', 'database'),
        spec: {
          clusterIP: 'None',
          selector: { 'app.kubernetes.io/component': 'database' },
          ports: [{ name: 'postgres', port: 5432 }],
        },
      },
    ),
  };
}
