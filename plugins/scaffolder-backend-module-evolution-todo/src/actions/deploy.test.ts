import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  createRecordingContext,
  type CheckpointState,
} from '../__testUtils__/actionContext';
import {
  FakeKubeApi,
  kubernetesStatus,
} from '../deploy/__testUtils__/fakeKubeApi';
import {
  SAMPLE_OBJECTS,
  sampleManifestFiles,
} from '../deploy/__testUtils__/sampleManifests';
import { createDeployAction } from './deploy';

const NS = 'todo-demo';
const SA_TOKEN = 'sa-token-4f1c9a7e-must-never-be-logged';
const USER_TOKEN = 'user-token-b2d06611-must-never-be-logged';
const PSS_RESTRICTED = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
};

/** Dependency order of the sample stack, as the API paths the applies go to. */
const APPLY_ORDER = [
  `/api/v1/namespaces/${NS}/configmaps/todo-backend`,
  `/apis/networking.k8s.io/v1/namespaces/${NS}/networkpolicies/todo-default-deny`,
  `/api/v1/namespaces/${NS}/services/todo-backend`,
  `/api/v1/namespaces/${NS}/services/todo-postgres`,
  `/apis/apps/v1/namespaces/${NS}/deployments/todo-backend`,
  `/apis/apps/v1/namespaces/${NS}/statefulsets/todo-postgres`,
  `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers/todo-frontend`,
  `/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets/todo-backend`,
  `/apis/monitoring.coreos.com/v1/namespaces/${NS}/servicemonitors/todo-backend`,
];

/** A URL on which nothing listens: a fake API server's, once it has stopped. */
async function closedPortUrl(): Promise<string> {
  const stopped = await FakeKubeApi.start({ token: SA_TOKEN });
  await stopped.close();
  return stopped.url;
}

const NAMESPACE_OBJECT = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: NS },
};

describe('evolution-todo:deploy', () => {
  const mockDir = createMockDirectory();
  let fake: FakeKubeApi;

  async function startFake(
    options: Partial<Parameters<typeof FakeKubeApi.start>[0]> = {},
  ) {
    await fake?.close();
    fake = await FakeKubeApi.start({ token: SA_TOKEN, ...options });
    fake.seed(NAMESPACE_OBJECT);
  }

  beforeEach(async () => {
    mockDir.setContent(sampleManifestFiles(NS));
    await startFake();
  });

  afterEach(async () => {
    await fake.close();
  });

  function configWith(clusters: object[]) {
    return mockServices.rootConfig({
      data: {
        kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
      },
    });
  }

  function localCluster(overrides: object = {}) {
    return {
      name: 'local',
      url: fake.url,
      authProvider: 'serviceAccount',
      serviceAccountToken: SA_TOKEN,
      skipTLSVerify: true,
      ...overrides,
    };
  }

  async function run(
    input: Record<string, unknown>,
    options: {
      clusters?: object[];
      secrets?: Record<string, string>;
      isDryRun?: boolean;
      checkpoints?: CheckpointState;
    } = {},
  ) {
    const action = createDeployAction({
      config: configWith(options.clusters ?? [localCluster()]),
    });
    const recording = createRecordingContext({
      input: { cluster: 'local', namespace: NS, ...input },
      workspacePath: mockDir.path,
      secrets: options.secrets,
      isDryRun: options.isDryRun,
      checkpoints: options.checkpoints,
    });
    let error: Error | undefined;
    try {
      await action.handler(recording.ctx);
    } catch (caught) {
      error = caught as Error;
    }
    return { ...recording, error };
  }

  const rows = (result: string, message = '') =>
    SAMPLE_OBJECTS.map(([kind, name]) => ({
      kind,
      namespace: NS,
      name,
      result,
      message,
    }));

  describe('apply', () => {
    it('server-side applies every object in dependency order with the fixed field manager', async () => {
      const { error, outputs, logs } = await run({});

      expect(error).toBeUndefined();
      expect(fake.applies.map(request => request.path)).toEqual(APPLY_ORDER);
      for (const request of fake.applies) {
        expect(request.contentType).toBe('application/apply-patch+yaml');
        expect(request.query).toEqual({
          fieldManager: 'backstage-evolution-todo',
          force: 'false',
        });
        expect(request.authorization).toBe(`Bearer ${SA_TOKEN}`);
      }
      expect(fake.applies[4].body).toMatchObject({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'todo-backend', namespace: NS },
        spec: { replicas: 2 },
      });
      // secrets/*.yaml.example is documentation, never applied
      expect(
        fake.requests.some(request => request.path.includes('/secrets')),
      ).toBe(false);

      expect(outputs.objects).toEqual(rows('created'));
      expect(outputs.summary).toBe('9 created');
      expect(outputs.dryRun).toBe(false);
      const table = logs.find(entry =>
        entry.message.startsWith('9 created\n'),
      )?.message;
      expect(table?.split('\n')[1]).toMatch(
        /^KIND\s+NAMESPACE\s+NAME\s+RESULT\s+MESSAGE$/,
      );
      expect(table).toMatch(
        /\nDeployment\s+todo-demo\s+todo-backend\s+created\n/,
      );
    });

    it('learns from API discovery whether a kind is namespaced, once per group version', async () => {
      await run({});

      const discovery = fake.requests
        .filter(
          request =>
            request.method === 'GET' &&
            /^\/(api\/v1|apis\/[^/]+\/[^/]+)$/.test(request.path),
        )
        .map(request => request.path);
      expect(discovery).toEqual([
        // First: is k8s/monitoring/ served at all? Then reused by its apply.
        '/apis/monitoring.coreos.com/v1',
        '/api/v1',
        '/apis/networking.k8s.io/v1',
        '/apis/apps/v1',
        '/apis/autoscaling/v2',
        '/apis/policy/v1',
      ]);
    });

    it('is idempotent: a re-apply reports unchanged, and a changed object configured', async () => {
      await run({});
      const versionsAfterFirstRun = [...fake.objects.values()].map(
        o => o.metadata.resourceVersion,
      );

      const second = await run({});
      expect(second.error).toBeUndefined();
      expect(second.outputs.objects).toEqual(rows('unchanged'));
      expect(
        [...fake.objects.values()].map(o => o.metadata.resourceVersion),
      ).toEqual(versionsAfterFirstRun);

      mockDir.addContent({
        'k8s/configmaps/backend.yaml': stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'todo-backend', namespace: NS },
          data: { LOG_LEVEL: 'debug' },
        }),
      });
      const third = await run({});
      expect(third.outputs.objects).toEqual(
        rows('unchanged').map(row =>
          row.kind === 'ConfigMap' ? { ...row, result: 'configured' } : row,
        ),
      );
      expect(third.outputs.summary).toBe('1 configured, 8 unchanged');
    });

    it('sends force=true only when input "force" asks for it', async () => {
      await run({ force: true });

      expect(fake.applies).toHaveLength(APPLY_ORDER.length);
      for (const request of fake.applies)
        expect(request.query.force).toBe('true');
    });

    it('fills in the input namespace for objects that name none', async () => {
      mockDir.setContent({
        'k8s/configmap.yaml': stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'no-namespace' },
          data: { a: '1' },
        }),
      });

      const { error, outputs } = await run({});

      expect(error).toBeUndefined();
      expect(fake.applies.map(request => request.path)).toEqual([
        `/api/v1/namespaces/${NS}/configmaps/no-namespace`,
      ]);
      expect(outputs.objects).toEqual([
        {
          kind: 'ConfigMap',
          namespace: NS,
          name: 'no-namespace',
          result: 'created',
          message: '',
        },
      ]);
    });
  });

  describe('namespace', () => {
    it('creates the namespace first, with the restricted Pod Security labels', async () => {
      fake.objects.clear();

      const { error, outputs } = await run({ createNamespace: true });

      expect(error).toBeUndefined();
      expect(fake.applies.map(request => request.path)).toEqual([
        `/api/v1/namespaces/${NS}`,
        ...APPLY_ORDER,
      ]);
      expect(fake.applies[0].body).toEqual({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: NS, labels: PSS_RESTRICTED },
      });
      expect(outputs.objects).toEqual([
        {
          kind: 'Namespace',
          namespace: '',
          name: NS,
          result: 'created',
          message: '',
        },
        ...rows('created'),
      ]);
    });

    it('without createNamespace, stops at the first object when the namespace does not exist', async () => {
      fake.objects.clear();

      const { error } = await run({});

      expect(error?.message).toMatch(
        /^Failed to apply ConfigMap todo-demo\/todo-backend \(k8s\/configmaps\/backend\.yaml#1\): HTTP 404 NotFound: namespaces "todo-demo" not found\./,
      );
      expect(fake.applies).toHaveLength(1);
    });

    it('refuses manifests for another namespace before sending anything', async () => {
      mockDir.addContent({
        'k8s/stray.yaml': stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'stray', namespace: 'other' },
        }),
      });

      const { error } = await run({});

      expect(error?.name).toBe('InputError');
      expect(error?.message).toBe(
        'Input "namespace" is "todo-demo", but these objects belong to another namespace: ConfigMap other/stray (k8s/stray.yaml#1). Render the manifests for "todo-demo" or deploy to their namespace.',
      );
      expect(fake.requests).toEqual([]);
    });
  });

  describe('dry run', () => {
    it('sends dryRun=All on every apply when input "dryRun" is true, and persists nothing', async () => {
      const { error, outputs } = await run({
        dryRun: true,
        waitForRollout: true,
      });

      expect(error).toBeUndefined();
      expect(fake.applies.map(request => request.path)).toEqual(APPLY_ORDER);
      for (const request of fake.applies) {
        expect(request.query).toEqual({
          dryRun: 'All',
          fieldManager: 'backstage-evolution-todo',
          force: 'false',
        });
      }
      expect([...fake.objects.keys()]).toEqual([`/api/v1/namespaces/${NS}`]);
      expect(outputs.dryRun).toBe(true);
      expect(outputs.objects).toEqual(
        rows('created', 'dry run: nothing persisted'),
      );
    });

    it('always uses dryRun=All in a Template Editor dry run', async () => {
      const { error, outputs } = await run(
        { dryRun: false },
        { isDryRun: true },
      );

      expect(error).toBeUndefined();
      expect(fake.applies.map(request => request.query.dryRun)).toEqual(
        APPLY_ORDER.map(() => 'All'),
      );
      expect(fake.objects.size).toBe(1);
      expect(outputs.dryRun).toBe(true);
    });

    it('does not wait for rollouts that a dry run never started', async () => {
      const { logs } = await run({ waitForRollout: true }, { isDryRun: true });

      const afterApply = fake.requests.slice(
        fake.requests.indexOf(fake.applies[fake.applies.length - 1]) + 1,
      );
      expect(afterApply).toEqual([]);
      expect(logs.map(entry => entry.message)).toContain(
        'Dry run: nothing was rolled out, so there is no rollout to wait for',
      );
    });

    it('reports objects in a namespace the dry run would create as created, not failed', async () => {
      fake.objects.clear();

      const { error, outputs } = await run(
        { createNamespace: true },
        { isDryRun: true },
      );

      expect(error).toBeUndefined();
      expect(fake.applies).toHaveLength(APPLY_ORDER.length + 1);
      expect(outputs.objects).toEqual([
        {
          kind: 'Namespace',
          namespace: '',
          name: NS,
          result: 'created',
          message: 'dry run: nothing persisted',
        },
        ...rows(
          'created',
          `dry run: namespace ${NS} would be created first, so the API server could not check this object yet`,
        ),
      ]);
      expect(fake.objects.size).toBe(0);
    });
  });

  describe('API failures', () => {
    const deploymentPath = () =>
      `${fake.url}/apis/apps/v1/namespaces/${NS}/deployments/todo-backend`;

    it('stops at a 409 conflict, names the object and the API reason, and applies nothing after it', async () => {
      fake.use(
        http.patch(deploymentPath(), () =>
          kubernetesStatus(
            409,
            'Conflict',
            'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
            { name: 'todo-backend', group: 'apps', kind: 'deployments' },
          ),
        ),
      );

      const { error, outputs } = await run({});

      expect(error?.message).toBe(
        'Failed to apply Deployment todo-demo/todo-backend (k8s/deployments/backend.yaml#1): HTTP 409 Conflict: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas (another field manager owns these fields; set input "force" to true to take them over). Not applied, as it came after the failure: StatefulSet todo-demo/todo-postgres, HorizontalPodAutoscaler todo-demo/todo-frontend, PodDisruptionBudget todo-demo/todo-backend, ServiceMonitor todo-demo/todo-backend. Set input "continueOnError" to true to apply them anyway.',
      );
      expect(fake.applies.map(request => request.path)).toEqual(
        APPLY_ORDER.slice(0, 5),
      );
      expect(outputs.objects).toEqual([
        ...rows('created').slice(0, 4),
        {
          kind: 'Deployment',
          namespace: NS,
          name: 'todo-backend',
          result: 'failed',
          message: expect.stringContaining(
            'HTTP 409 Conflict: Apply failed with 1 conflict',
          ),
        },
      ]);
    });

    it('stops at a 403 forbidden with the API server message', async () => {
      fake.use(
        http.patch(
          `${fake.url}/api/v1/namespaces/${NS}/configmaps/todo-backend`,
          () =>
            kubernetesStatus(
              403,
              'Forbidden',
              'configmaps "todo-backend" is forbidden: User "system:serviceaccount:backstage:deployer" cannot patch resource "configmaps" in API group "" in the namespace "todo-demo"',
              { name: 'todo-backend', kind: 'configmaps' },
            ),
        ),
      );

      const { error } = await run({});

      expect(error?.message).toMatch(
        /^Failed to apply ConfigMap todo-demo\/todo-backend \(k8s\/configmaps\/backend\.yaml#1\): HTTP 403 Forbidden: configmaps "todo-backend" is forbidden: User "system:serviceaccount:backstage:deployer" cannot patch resource "configmaps"/,
      );
      expect(fake.applies).toHaveLength(1);
    });

    it('stops at a 422 invalid object with the field the API server rejected', async () => {
      fake.use(
        http.patch(
          `${fake.url}/api/v1/namespaces/${NS}/services/todo-backend`,
          () =>
            kubernetesStatus(
              422,
              'Invalid',
              'Service "todo-backend" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
              {
                name: 'todo-backend',
                kind: 'Service',
                causes: [
                  { reason: 'FieldValueInvalid', field: 'spec.ports[0].port' },
                ],
              },
            ),
        ),
      );

      const { error } = await run({});

      expect(error?.message).toMatch(
        /^Failed to apply Service todo-demo\/todo-backend \(k8s\/services\/backend\.yaml#1\): HTTP 422 Invalid: Service "todo-backend" is invalid: spec\.ports\[0\]\.port: Invalid value: 0/,
      );
      expect(fake.applies.map(request => request.path)).toEqual(
        APPLY_ORDER.slice(0, 3),
      );
    });

    it('with continueOnError, applies every object, reports the failure and succeeds', async () => {
      fake.use(
        http.patch(
          `${fake.url}/api/v1/namespaces/${NS}/services/todo-backend`,
          () =>
            kubernetesStatus(
              422,
              'Invalid',
              'Service "todo-backend" is invalid: spec.ports[0].port: Invalid value: 0',
            ),
        ),
      );

      const { error, outputs, logs } = await run({ continueOnError: true });

      expect(error).toBeUndefined();
      expect(fake.applies.map(request => request.path)).toEqual(APPLY_ORDER);
      expect(outputs.objects).toEqual(
        rows('created').map(row =>
          row.kind === 'Service' && row.name === 'todo-backend'
            ? {
                ...row,
                result: 'failed',
                message:
                  'HTTP 422 Invalid: Service "todo-backend" is invalid: spec.ports[0].port: Invalid value: 0',
              }
            : row,
        ),
      );
      expect(outputs.summary).toBe('8 created, 1 failed');
      expect(logs).toContainEqual({
        level: 'warn',
        message:
          '1 object(s) failed; the step goes on because input "continueOnError" is true',
        meta: undefined,
      });
    });

    it('gives up on an API server that does not answer within requestTimeoutSeconds', async () => {
      fake.use(
        http.patch(
          `${fake.url}/api/v1/namespaces/${NS}/configmaps/todo-backend`,
          async () => {
            await fake.untilClosed();
            return HttpResponse.json({});
          },
        ),
      );

      const started = Date.now();
      const { error } = await run({ requestTimeoutSeconds: 0.2 });

      expect(Date.now() - started).toBeLessThan(3000);
      expect(error?.message).toMatch(
        /^Failed to apply ConfigMap todo-demo\/todo-backend \(k8s\/configmaps\/backend\.yaml#1\): no response from the API server within 0\.2s \(input "requestTimeoutSeconds"\)\./,
      );
      expect(fake.applies).toHaveLength(1);
    });

    it('skips k8s/monitoring/ with a warning when the cluster does not serve the Prometheus Operator API, and applies the rest', async () => {
      await startFake({ prometheusOperator: false });

      const { error, logs, outputs } = await run({});

      expect(error).toBeUndefined();
      expect(fake.applies.map(request => request.path)).toEqual(
        APPLY_ORDER.slice(0, 8),
      );
      // Asked by discovery, not by trying to apply.
      expect(
        fake.requests.some(
          r =>
            r.method === 'GET' && r.path === '/apis/monitoring.coreos.com/v1',
        ),
      ).toBe(true);
      expect(
        logs
          .filter(entry => entry.level === 'warn')
          .map(entry => entry.message),
      ).toContain(
        "Skipped k8s/monitoring/ (ServiceMonitor todo-demo/todo-backend): the cluster does not serve monitoring.coreos.com/v1 ServiceMonitor, so the Prometheus Operator's CRDs are not installed. The rest of the stack, exporters and dashboards included, is applied. To get them, install the operator (e.g. the kube-prometheus-stack chart, which serves monitoring.coreos.com/v1) and run the deploy again.",
      );
      expect(
        (outputs.objects as Array<{ kind: string }>).map(o => o.kind),
      ).not.toContain('ServiceMonitor');
    });

    it('applies k8s/monitoring/ where the cluster serves the Prometheus Operator API', async () => {
      const { error, logs } = await run({});

      expect(error).toBeUndefined();
      expect(fake.applies.map(request => request.path)).toEqual(APPLY_ORDER);
      expect(logs.filter(entry => entry.message.includes('Skipped'))).toEqual(
        [],
      );
    });

    it('names a kind the cluster does not serve when it sits outside k8s/monitoring/', async () => {
      await startFake({ prometheusOperator: false });
      mockDir.addContent({
        'k8s/stray/servicemonitor.yaml': stringify({
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'ServiceMonitor',
          metadata: { name: 'stray', namespace: NS },
          spec: { selector: {}, endpoints: [] },
        }),
      });

      const { error } = await run({});

      expect(error?.message).toBe(
        'Failed to apply ServiceMonitor todo-demo/stray (k8s/stray/servicemonitor.yaml#1): the cluster does not serve kind ServiceMonitor in monitoring.coreos.com/v1 (is its CustomResourceDefinition installed?).',
      );
    });

    it('reports an API server it cannot reach', async () => {
      const { error } = await run(
        {},
        { clusters: [localCluster({ url: await closedPortUrl() })] },
      );

      expect(error?.message).toMatch(
        /^Failed to apply ConfigMap todo-demo\/todo-backend \(k8s\/configmaps\/backend\.yaml#1\): could not reach the API server: .*fetch failed \(ECONNREFUSED\)\./,
      );
    });
  });

  describe('rollout', () => {
    it('waits until Deployments and StatefulSets have rolled out, logging progress', async () => {
      await startFake({ readyAfterReads: 3 });

      const { error, logs } = await run({
        waitForRollout: true,
        pollIntervalSeconds: 0.02,
        rolloutTimeoutSeconds: 10,
      });

      expect(error).toBeUndefined();
      const messages = logs.map(entry => entry.message);
      expect(
        messages.filter(message => message.startsWith('Waiting for')),
      ).toEqual([
        'Waiting for Deployment todo-demo/todo-backend: availableReplicas 0/2',
        'Waiting for StatefulSet todo-demo/todo-postgres: readyReplicas 0/1',
        'Waiting for Deployment todo-demo/todo-backend: availableReplicas 0/2',
        'Waiting for StatefulSet todo-demo/todo-postgres: readyReplicas 0/1',
      ]);
      expect(messages).toContain(
        'Rollout of Deployment todo-demo/todo-backend finished',
      );
      expect(messages).toContain(
        'Rollout of StatefulSet todo-demo/todo-postgres finished',
      );
      expect(messages[messages.length - 1]).toBe(
        'All 2 workload(s) rolled out',
      );
    });

    it('fails at the timeout naming each stuck workload and what it is missing', async () => {
      await startFake({ readyAfterReads: Infinity });

      const started = Date.now();
      const { error, outputs } = await run({
        waitForRollout: true,
        rolloutTimeoutSeconds: 0.3,
        pollIntervalSeconds: 0.05,
      });

      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(error?.message).toBe(
        'Rollout did not finish within 0.3s (input "rolloutTimeoutSeconds"): Deployment todo-demo/todo-backend is waiting for availableReplicas 0/2; StatefulSet todo-demo/todo-postgres is waiting for readyReplicas 0/1',
      );
      // the apply itself succeeded and is reported
      expect(outputs.objects).toEqual(rows('created'));
    });
  });

  describe('cluster and credentials', () => {
    it('names the input when the cluster is not in the kubernetes config', async () => {
      const { error } = await run({ cluster: 'production' });

      expect(error?.name).toBe('InputError');
      expect(error?.message).toBe(
        'Input "cluster": no cluster named "production" in kubernetes.clusterLocatorMethods[type=config].clusters (configured: "local")',
      );
      expect(fake.requests).toEqual([]);
    });

    it('says so when no cluster is configured at all', async () => {
      const { error } = await run({}, { clusters: [] });

      expect(error?.message).toBe(
        'Input "cluster": no cluster named "local" in kubernetes.clusterLocatorMethods[type=config].clusters (none are configured)',
      );
    });

    it('fails clearly when neither the cluster config nor the task secrets hold a token', async () => {
      const { error } = await run(
        {},
        { clusters: [localCluster({ serviceAccountToken: undefined })] },
      );

      expect(error?.name).toBe('InputError');
      expect(error?.message).toBe(
        'No Kubernetes API token for cluster "local": set serviceAccountToken on it in kubernetes.clusterLocatorMethods[type=config].clusters, or provide the task secret "kubernetesToken"',
      );
      expect(fake.requests).toEqual([]);
    });

    it('prefers the user token from ctx.secrets over the cluster service account', async () => {
      await startFake({ token: USER_TOKEN });

      const { error } = await run(
        {},
        { secrets: { kubernetesToken: USER_TOKEN } },
      );

      expect(error).toBeUndefined();
      expect(
        new Set(fake.requests.map(request => request.authorization)),
      ).toEqual(new Set([`Bearer ${USER_TOKEN}`]));
    });

    it('reads the token from the secret named by input "tokenSecret"', async () => {
      await startFake({ token: USER_TOKEN });

      const { error } = await run(
        { tokenSecret: 'prodToken' },
        {
          clusters: [localCluster({ serviceAccountToken: undefined })],
          secrets: { prodToken: USER_TOKEN },
        },
      );

      expect(error).toBeUndefined();
      expect(fake.applies).toHaveLength(APPLY_ORDER.length);
    });

    it('deploys to an explicit API URL with the token from the task secrets', async () => {
      const { error } = await run(
        { cluster: undefined, apiUrl: `${fake.url}/`, skipTLSVerify: true },
        { clusters: [], secrets: { kubernetesToken: SA_TOKEN } },
      );

      expect(error).toBeUndefined();
      expect(fake.applies.map(request => request.path)).toEqual(APPLY_ORDER);
    });

    it('refuses a plain-HTTP API URL unless TLS verification is off', async () => {
      const { error } = await run(
        { cluster: undefined, apiUrl: fake.url },
        { clusters: [], secrets: { kubernetesToken: SA_TOKEN } },
      );

      expect(error?.message).toBe(
        `Input "apiUrl": "${fake.url}" is plain HTTP, which the Kubernetes client only accepts with input "skipTLSVerify" set to true; use https`,
      );
      expect(fake.requests).toEqual([]);
    });

    it('requires a task secret token with an explicit API URL', async () => {
      const { error } = await run(
        { cluster: undefined, apiUrl: fake.url, skipTLSVerify: true },
        { clusters: [] },
      );

      expect(error?.message).toBe(
        `No Kubernetes API token for API URL ${fake.url}: provide the task secret "kubernetesToken"`,
      );
    });

    it('refuses both cluster and apiUrl, and neither', async () => {
      const both = await run({ apiUrl: fake.url, skipTLSVerify: true });
      expect(both.error?.message).toBe(
        'Inputs "cluster" and "apiUrl" exclude each other: name a configured cluster or give an API URL, not both',
      );

      const neither = await run({ cluster: undefined });
      expect(neither.error?.message).toBe(
        'Input "cluster" or "apiUrl" is required: name a cluster from kubernetes.clusterLocatorMethods[type=config].clusters or give the API server URL',
      );
      expect(fake.requests).toEqual([]);
    });

    it('refuses a token passed as a plain input', async () => {
      const { error } = await run({ token: SA_TOKEN });

      expect(error?.name).toBe('InputError');
      expect(error?.message).toMatch(
        /^Unknown input\(s\) "token": credentials come from app-config or the task secrets/,
      );
      expect(error?.message).not.toContain(SA_TOKEN);
      expect(fake.requests).toEqual([]);
    });

    it('reports a token the API server rejects without showing it', async () => {
      const { error } = await run(
        {},
        {
          clusters: [
            localCluster({ serviceAccountToken: 'expired-token-value' }),
          ],
        },
      );

      expect(error?.message).toMatch(
        /^Failed to apply ConfigMap todo-demo\/todo-backend .*: HTTP 401 Unauthorized: Unauthorized\./,
      );
      expect(error?.message).not.toContain('expired-token-value');
    });

    it('never writes a token to the log, the outputs or an error', async () => {
      const scenarios: (() => Promise<Awaited<ReturnType<typeof run>>>)[] = [
        () =>
          run({
            createNamespace: true,
            waitForRollout: true,
            pollIntervalSeconds: 0.01,
          }),
        () =>
          run(
            { dryRun: true },
            { secrets: { kubernetesToken: SA_TOKEN, backstageToken: 'x' } },
          ),
        async () => {
          fake.use(
            http.patch(
              `${fake.url}/apis/apps/v1/namespaces/${NS}/deployments/todo-backend`,
              () =>
                kubernetesStatus(
                  409,
                  'Conflict',
                  'Apply failed with 1 conflict',
                ),
            ),
          );
          return run({});
        },
        () => run({ requestTimeoutSeconds: 0.1, continueOnError: true }),
        () => run({}, { secrets: { kubernetesToken: USER_TOKEN } }), // rejected with 401
        async () =>
          run({}, { clusters: [localCluster({ url: await closedPortUrl() })] }),
      ];
      await startFake({ readyAfterReads: 2 });
      for (const scenario of scenarios) {
        const { logs, outputs, error } = await scenario();
        const recorded = JSON.stringify({
          logs,
          outputs,
          error: error && {
            message: error.message,
            stack: error.stack,
            cause: String(error.cause),
          },
        });
        expect(logs.length).toBeGreaterThan(0);
        expect(recorded).not.toContain(SA_TOKEN);
        expect(recorded).not.toContain(USER_TOKEN);
      }
    }, 20_000);
  });

  describe('under retry and task recovery', () => {
    it('a second run with the checkpoint state of the first sends no apply', async () => {
      const first = await run({});
      const applied = fake.applies.length;

      const second = await run({}, { checkpoints: first.checkpoints });

      expect(second.error).toBeUndefined();
      expect(fake.applies).toHaveLength(applied);
      expect(second.outputs).toEqual(first.outputs);
    });

    it('still waits for the rollouts of the recorded apply', async () => {
      await startFake({ readyAfterReads: 2 });
      const first = await run({});
      const applied = fake.applies.length;

      const second = await run(
        { waitForRollout: true, pollIntervalSeconds: 0.02 },
        { checkpoints: first.checkpoints },
      );

      expect(second.error).toBeUndefined();
      expect(fake.applies).toHaveLength(applied);
      expect(
        fake.requests
          .filter(request => request.method === 'GET')
          .map(request => request.path),
      ).toContain(`/apis/apps/v1/namespaces/${NS}/deployments/todo-backend`);
      expect(second.logs.map(entry => entry.message)).toContain(
        'All 2 workload(s) rolled out',
      );
    });

    it('records a failed apply as failed, so a retry applies again', async () => {
      fake.use(
        http.patch(
          `${fake.url}/apis/apps/v1/namespaces/${NS}/deployments/todo-backend`,
          () => kubernetesStatus(403, 'Forbidden', 'deployments is forbidden'),
          { once: true },
        ),
      );
      const failed = await run({});
      expect(failed.error?.message).toMatch(/HTTP 403 Forbidden/);
      expect(Object.values(failed.checkpoints)).toEqual([
        expect.objectContaining({ status: 'failed' }),
      ]);

      const retried = await run({}, { checkpoints: failed.checkpoints });

      expect(retried.error).toBeUndefined();
      expect(retried.outputs.summary).toBe('5 created, 4 unchanged');
    });

    it('keys the checkpoint by cluster and namespace, so a retry elsewhere applies there', async () => {
      const first = await run({});
      fake.seed({ ...NAMESPACE_OBJECT, metadata: { name: 'other' } });
      mockDir.setContent(sampleManifestFiles('other'));

      const elsewhere = await run(
        { namespace: 'other' },
        { checkpoints: first.checkpoints },
      );

      expect(elsewhere.error).toBeUndefined();
      expect(elsewhere.outputs.summary).toBe('9 created');
    });
  });

  describe('inputs', () => {
    it('resolves manifestsPath inside the workspace only', async () => {
      const outside = await run({ manifestsPath: '../elsewhere' });
      expect(outside.error?.name).toBe('NotAllowedError');

      const missing = await run({ manifestsPath: 'kubernetes' });
      expect(missing.error?.message).toBe(
        'Input "manifestsPath": "kubernetes" is not a directory in the workspace; render the manifests first (expected e.g. k8s/deployments/*.yaml)',
      );
      expect(fake.requests).toEqual([]);
    });

    it('names the input and the rule it breaks', async () => {
      const { error } = await run({
        namespace: 'Todo_Demo',
        rolloutTimeoutSeconds: 0,
      });

      expect(error?.name).toBe('InputError');
      expect(error?.message).toBe(
        'Input "namespace": must be a DNS-1123 label (lowercase letters, digits and "-"); Input "rolloutTimeoutSeconds": Number must be greater than 0',
      );
    });
  });

  it('has a template snippet that passes only known inputs, no credentials, and runs only when asked', () => {
    const snippet = parse(
      readFileSync(
        resolvePath(__dirname, 'deploy.template-snippet.yaml'),
        'utf8',
      ),
    );
    const action = createDeployAction({ config: configWith([]) });
    const known = Object.keys(
      (action.schema?.input as { properties: object }).properties,
    );

    const [step] = snippet.steps;
    expect(step.action).toBe('evolution-todo:deploy');
    expect(step.if).toBe('${{ parameters.deployNow }}');
    expect(
      Object.keys(step.input).filter(name => !known.includes(name)),
    ).toEqual([]);
    expect(JSON.stringify(step.input)).not.toContain('secrets.');

    const [page] = snippet.parameters;
    expect(page.properties.deployNow.default).toBe(false);
    const whenDeploying = page.dependencies.deployNow.oneOf[1].properties;
    // the form's Secret field lands in ctx.secrets under the name the action reads by default
    expect(whenDeploying.kubernetesToken['ui:field']).toBe('Secret');
    expect((action.schema?.input as any).properties.tokenSecret.default).toBe(
      'kubernetesToken',
    );
  });

  it('declares dry-run support and no token among its inputs', () => {
    const deploy = createDeployAction({ config: configWith([]) });

    expect(deploy.id).toBe('evolution-todo:deploy');
    expect(deploy.supportsDryRun).toBe(true);
    const inputs = Object.keys(
      (deploy.schema?.input as { properties: object }).properties,
    );
    expect(inputs.filter(name => /token|password|secret/i.test(name))).toEqual([
      'tokenSecret',
    ]);
    expect((deploy.schema?.input as { required?: string[] }).required).toEqual([
      'namespace',
    ]);
  });
});
