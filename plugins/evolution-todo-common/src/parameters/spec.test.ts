import {
  DeploymentParametersError,
  parseDeploymentParameters,
  safeParseDeploymentParameters,
} from './spec';
import { APP_DEFAULTS } from './defaults';

function issuesOf(input: unknown) {
  const result = safeParseDeploymentParameters(input);
  if (result.success) {
    throw new Error('expected the parameters to be rejected');
  }
  return result.issues;
}

describe('parseDeploymentParameters', () => {
  it('fills every default of the product spec from a name alone', () => {
    const spec = parseDeploymentParameters({ name: 'todo' });

    expect(spec.namespace).toBe('todo');
    expect(spec.frontend.replicas).toBe(3);
    expect(spec.frontend.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '200m', memory: '256Mi' },
    });
    expect(spec.backend.replicas).toBe(3);
    expect(spec.backend.autoscaling).toEqual({
      enabled: true,
      minReplicas: 2,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 70,
    });
    expect(spec.mcp.replicas).toBe(2);
    expect(spec.postgres.storage).toBe('10Gi');
    expect(spec.redis.enabled).toBe(true);
    expect(spec.ingress).toMatchObject({
      enabled: true,
      provider: 'traefik',
      className: 'traefik',
      host: 'todo.localhost',
      tls: false,
      tlsSecretName: 'todo-tls',
    });
    expect(spec.monitoring.prometheusRelease).toBe('kube-prometheus-stack');
    expect(spec.logging.stack).toBe('loki');
    expect(spec.rollout).toEqual({
      strategy: 'rolling',
      activeColor: 'blue',
      blue: { imageTag: '0.1.0' },
      green: { imageTag: '0.1.0' },
      keepIdleWarm: false,
    });
    expect(spec.ingress.controllerNamespace).toBe('traefik');
    expect(spec.monitoring.namespace).toBe('monitoring');
    expect(spec.backend).toMatchObject({
      nodeSelector: {},
      tolerations: [],
      affinity: {},
      priorityClassName: '',
      podAnnotations: {},
      podLabels: {},
      extraEnv: [],
    });
    expect(spec.imagePullSecrets).toEqual([]);
    expect(spec.serviceAccount).toEqual({ annotations: {} });
  });

  it.each([
    [{ provider: 'nginx' }, 'ingress-nginx'],
    [{ provider: 'gateway', gateway: { namespace: 'gateways' } }, 'gateways'],
    [
      { provider: 'traefik', controllerNamespace: 'kube-system' },
      'kube-system',
    ],
  ] as const)(
    'takes the ingress controller namespace from the provider unless given: %j',
    (ingress, namespace) => {
      const spec = parseDeploymentParameters({ name: 'todo', ingress });
      expect(spec.ingress.controllerNamespace).toBe(namespace);
    },
  );

  it('gives each blue-green colour its own image tag, defaulting to imageTag', () => {
    const spec = parseDeploymentParameters({
      name: 'todo',
      imageTag: '1.0.0',
      rollout: { strategy: 'blue-green', green: { imageTag: '1.1.0' } },
    });
    expect(spec.rollout.blue.imageTag).toBe('1.0.0');
    expect(spec.rollout.green.imageTag).toBe('1.1.0');
  });

  it('builds pinned image references from registry, name and tag', () => {
    const spec = parseDeploymentParameters({
      name: 'shop',
      imageRegistry: 'registry.local:5000/team',
      imageTag: '1.4.2',
    });

    expect(spec.images.frontend).toBe(
      'registry.local:5000/team/shop-frontend:1.4.2',
    );
    expect(spec.images.backend).toBe(
      'registry.local:5000/team/shop-backend:1.4.2',
    );
    expect(spec.images.mcp).toBe('registry.local:5000/team/shop-mcp:1.4.2');
    for (const image of Object.values(spec.images)) {
      expect(image).toMatch(/:[A-Za-z0-9_][A-Za-z0-9_.-]*$/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  it('keeps explicit values over defaults, deeply', () => {
    const spec = parseDeploymentParameters({
      name: 'todo',
      namespace: 'apps',
      frontend: { resources: { limits: { cpu: '1' } } },
      ingress: { provider: 'nginx', host: 'todo.example.com' },
    });

    expect(spec.namespace).toBe('apps');
    expect(spec.frontend.resources.limits).toEqual({
      cpu: '1',
      memory: '256Mi',
    });
    expect(spec.frontend.resources.requests).toEqual(
      APP_DEFAULTS.frontend.resources.requests,
    );
    expect(spec.ingress.className).toBe('nginx');
    expect(spec.ingress.host).toBe('todo.example.com');
  });

  it('uses the Gateway as the class for the gateway provider', () => {
    const spec = parseDeploymentParameters({
      name: 'todo',
      ingress: {
        provider: 'gateway',
        gateway: { name: 'edge', namespace: 'infra' },
      },
    });
    expect(spec.ingress.className).toBe('edge');
    expect(spec.ingress.gateway).toEqual({ name: 'edge', namespace: 'infra' });
  });

  it.each([
    { name: 'todo' },
    {
      name: 'shop',
      ingress: { provider: 'gateway', host: 'shop.example.com' },
      backend: { replicas: 4, autoscaling: { enabled: false } },
      rollout: { strategy: 'blue-green', green: { imageTag: '2.0.0' } },
    },
  ])(
    'returns parameters with the defaults applied that parse again into the same spec (%o)',
    input => {
      const first = safeParseDeploymentParameters(input);
      if (!first.success) throw new Error('expected valid parameters');
      expect(first.parameters.frontend.replicas).toBe(
        APP_DEFAULTS.frontend.replicas,
      );
      // A repository records these: a JSON round trip is what a YAML file keeps of them.
      const recorded = JSON.parse(JSON.stringify(first.parameters));
      const again = safeParseDeploymentParameters(recorded);
      if (!again.success)
        throw new Error('expected recorded parameters to parse');
      expect(again.spec).toEqual(first.spec);
      expect(again.parameters).toEqual(first.parameters);
    },
  );

  it('throws an error that lists every problem by field', () => {
    const parse = () =>
      parseDeploymentParameters({ name: 'Bad_Name', imageTag: 'latest' });
    expect(parse).toThrow(DeploymentParametersError);
    expect(parse).toThrow(/name: must be a DNS-1123 label/);
    expect(parse).toThrow(/imageTag: must be a pinned version, not "latest"/);
  });
});

describe('rejected parameters name the field and the rule', () => {
  it.each([
    [{}, 'name', 'expected string'],
    [{ name: 'a'.repeat(41) }, 'name', 'at most 40 characters'],
    [{ name: '-todo' }, 'name', 'DNS-1123 label'],
    [{ name: 'todo', namespace: 'Apps' }, 'namespace', 'DNS-1123 label'],
    [{ name: 'todo', imageTag: 'latest' }, 'imageTag', 'not "latest"'],
    [
      { name: 'todo', imageRegistry: 'GHCR.io/x' },
      'imageRegistry',
      'registry host',
    ],
    [{ name: 'todo', ingress: { host: 'a..b' } }, 'ingress.host', 'DNS name'],
    [{ name: 'todo', ingress: { provider: 'istio' } }, 'ingress.provider', ''],
    [
      { name: 'todo', frontend: { replicas: 0 } },
      'frontend.replicas',
      'at least 1',
    ],
    [
      { name: 'todo', frontend: { replicas: 2.5 } },
      'frontend.replicas',
      'whole number',
    ],
    [
      {
        name: 'todo',
        backend: { autoscaling: { minReplicas: 5, maxReplicas: 3 } },
      },
      'backend.autoscaling.minReplicas',
      'must not exceed maxReplicas (3)',
    ],
    [
      { name: 'todo', mcp: { resources: { requests: { cpu: '2' } } } },
      'mcp.resources.requests.cpu',
      'must not exceed limits.cpu (200m)',
    ],
    [
      { name: 'todo', mcp: { resources: { requests: { memory: '1Gi' } } } },
      'mcp.resources.requests.memory',
      'must not exceed limits.memory (256Mi)',
    ],
    [
      { name: 'todo', frontend: { resources: { limits: { cpu: 'lots' } } } },
      'frontend.resources.limits.cpu',
      'CPU quantity',
    ],
    [
      { name: 'todo', postgres: { storage: '10 GB' } },
      'postgres.storage',
      'memory quantity',
    ],
    [{ name: 'todo', postgres: { version: '9' } }, 'postgres.version', ''],
    [
      { name: 'todo', description: 'line one\nline two' },
      'description',
      'single line',
    ],
    [
      { name: 'todo', description: 'hello {{ .Values.x }}' },
      'description',
      'template delimiters',
    ],
    [
      { name: 'todo', description: 'x ${{ secrets.TOKEN }}' },
      'description',
      'template delimiters',
    ],
    [
      { name: 'todo', description: 'x'.repeat(501) },
      'description',
      'at most 500',
    ],
    [{ name: 'todo', owner: 'group:default/a b' }, 'owner', 'entity reference'],
    [{ name: 'todo', replicas: 3 }, 'replicas', 'not a known parameter'],
    [
      { name: 'todo', backend: { replica: 3 } },
      'backend.replica',
      'not a known parameter',
    ],
    [
      { name: 'todo', monitoring: { scrapeInterval: 'often' } },
      'monitoring.scrapeInterval',
      'duration',
    ],
    [
      { name: 'todo', monitoring: { namespace: 'Monitoring' } },
      'monitoring.namespace',
      'DNS-1123 label',
    ],
    [
      { name: 'todo', ingress: { controllerNamespace: 'kube_system' } },
      'ingress.controllerNamespace',
      'DNS-1123 label',
    ],
    [
      { name: 'todo', rollout: { green: { imageTag: 'latest' } } },
      'rollout.green.imageTag',
      'pinned version',
    ],
    [
      {
        name: 'todo',
        backend: { podLabels: { 'app.kubernetes.io/name': 'x' } },
      },
      'backend.podLabels.app.kubernetes.io/name',
      'label the chart sets itself',
    ],
    [
      { name: 'todo', backend: { podLabels: { team: 'a b' } } },
      'backend.podLabels.team',
      'label value',
    ],
    [
      {
        name: 'todo',
        frontend: { podAnnotations: { 'checksum/config': 'x' } },
      },
      'frontend.podAnnotations.checksum/config',
      'pod annotation the chart sets itself',
    ],
    [
      {
        name: 'todo',
        backend: { extraEnv: [{ name: 'DATABASE_PASSWORD', value: 'x' }] },
      },
      'backend.extraEnv.0.name',
      'set by the chart',
    ],
    [
      {
        name: 'todo',
        postgres: { extraEnv: [{ name: 'PGDATA', value: '/x' }] },
      },
      'postgres.extraEnv.0.name',
      'set by the chart',
    ],
    [
      {
        name: 'todo',
        mcp: {
          extraEnv: [
            { name: 'A', value: '1' },
            { name: 'A', value: '2' },
          ],
        },
      },
      'mcp.extraEnv.1.name',
      'listed twice',
    ],
    [
      { name: 'todo', mcp: { extraEnv: [{ name: '1X', value: '1' }] } },
      'mcp.extraEnv.0.name',
      'environment variable name',
    ],
    [
      { name: 'todo', mcp: { extraEnv: [{ name: 'X' }] } },
      'mcp.extraEnv.0',
      'exactly one of value and valueFrom',
    ],
    [
      {
        name: 'todo',
        redis: { tolerations: [{ operator: 'Exists', value: 'x' }] },
      },
      'redis.tolerations.0.value',
      'empty when operator is Exists',
    ],
    [
      {
        name: 'todo',
        redis: { tolerations: [{ operator: 'Equal', value: 'x' }] },
      },
      'redis.tolerations.0.operator',
      'must be Exists when key is empty',
    ],
    [
      {
        name: 'todo',
        redis: {
          tolerations: [
            { key: 'k', effect: 'NoSchedule', tolerationSeconds: 5 },
          ],
        },
      },
      'redis.tolerations.0.tolerationSeconds',
      'NoExecute',
    ],
    [
      { name: 'todo', frontend: { nodeSelector: { 'bad key!': 'x' } } },
      'frontend.nodeSelector.bad key!',
      'qualified name',
    ],
    [
      { name: 'todo', frontend: { priorityClassName: 'High' } },
      'frontend.priorityClassName',
      '',
    ],
    [
      { name: 'todo', frontend: { affinity: { nodeAffinityy: {} } } },
      'frontend.affinity.nodeAffinityy',
      'not a known parameter',
    ],
    [
      { name: 'todo', imagePullSecrets: ['Reg Cred'] },
      'imagePullSecrets.0',
      'DNS-1123 subdomain',
    ],
    [
      { name: 'todo', serviceAccount: { annotations: { 'x/': 'y' } } },
      'serviceAccount.annotations.x/',
      'qualified name',
    ],
  ])('%j → %s', (input, field, rule) => {
    const issues = issuesOf(input);
    const issue = issues.find(i => i.field === field);
    expect(issue).toBeDefined();
    expect(issue!.message).toContain(rule);
  });

  it('reports every problem at once, not just the first', () => {
    const fields = issuesOf({
      name: 'Todo',
      frontend: { replicas: -1 },
      logging: { stack: 'promtail' },
    }).map(i => i.field);
    expect(fields).toEqual(
      expect.arrayContaining(['name', 'frontend.replicas', 'logging.stack']),
    );
  });
});
