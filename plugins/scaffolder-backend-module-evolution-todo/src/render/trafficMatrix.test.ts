import {
  COMPONENT_PORTS,
  type DeploymentParameters,
  type DeploymentSpec,
} from '@evolution-todo/plugin-evolution-todo-common';
import { HELM_MAJORS, helmTemplate } from '../testUtils/helm';
import {
  removeRenderedChart,
  writeChartFor,
} from '../__testUtils__/renderedChart';
import {
  ClusterNetwork,
  namespaceOf,
  podsOf,
  selectorMatches,
  type ModelPod,
} from './__testUtils__/networkModel';

/**
 * The traffic the stack needs, and nothing else, under its own
 * NetworkPolicies: the chart is rendered by real Helm (hooks included, so the
 * `helm test` pod is there), and every connection is judged the way a CNI
 * enforces NetworkPolicies (see __testUtils__/networkModel.ts; a model, since
 * no cluster runs here). Outside pods stand where the parameters say the
 * ingress controller and Prometheus run.
 */

const MONITORING_API = 'monitoring.coreos.com/v1';

async function clusterFor(major: 3 | 4, parameters: DeploymentParameters) {
  const { spec, dir } = await writeChartFor(parameters);
  try {
    const objects = await helmTemplate(major, dir, {
      release: spec.name,
      namespace: spec.namespace,
      valuesFiles: [`${dir}/values.yaml`],
      apiVersions: [MONITORING_API],
    });
    return { spec, objects, ...outsiders(spec, objects) };
  } finally {
    removeRenderedChart(dir);
  }
}

function outsiders(spec: DeploymentSpec, objects: any[]) {
  const pod = (
    name: string,
    namespace: string,
    ports: ModelPod['ports'] = [],
  ) => ({
    name,
    namespace,
    labels: { app: name },
    ports,
  });
  const controller = pod(
    'ingress-controller',
    spec.ingress.controllerNamespace,
  );
  const prometheus = pod('prometheus', spec.monitoring.namespace);
  const dns = pod('kube-dns', 'kube-system', [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  ]);
  const intruder = pod('intruder', 'other', [{ containerPort: 443 }]);
  // A pod someone else runs in the release's namespace, with none of its labels.
  const stranger = pod('stranger', spec.namespace);
  // A controller where the chart was not told it runs.
  const misplacedController = pod('ingress-controller', 'elsewhere');
  const outside = [
    controller,
    prometheus,
    dns,
    intruder,
    stranger,
    misplacedController,
  ];
  const namespaceNames = new Set([
    spec.namespace,
    'kube-system',
    'other',
    'elsewhere',
    ...outside.map(p => p.namespace),
  ]);
  const network = new ClusterNetwork(
    [...namespaceNames].map(namespaceOf),
    [...podsOf(objects), ...outside],
    objects.filter(o => o.kind === 'NetworkPolicy'),
    objects.filter(o => o.kind === 'Service'),
  );
  return {
    network,
    controller,
    prometheus,
    dns,
    intruder,
    stranger,
    misplacedController,
  };
}

type Cluster = Awaited<ReturnType<typeof clusterFor>>;

const podOf = (c: Cluster, name: string): ModelPod => {
  const found = c.network.pods.find(p => p.name === name);
  if (!found) {
    throw new Error(`no pod ${name}; pods: ${c.network.pods.map(p => p.name)}`);
  }
  return found;
};

/** The release's app pods: with blue-green, the colour the Services select. */
function appPod(c: Cluster, component: 'frontend' | 'backend' | 'mcp') {
  const { rollout, name } = c.spec;
  return podOf(
    c,
    rollout.strategy === 'blue-green'
      ? `${name}-${component}-${rollout.activeColor}`
      : `${name}-${component}`,
  );
}

const reaches = (
  c: Cluster,
  from: ModelPod,
  service: string,
  port: number | string,
) =>
  c.network.serviceAllows(
    from,
    c.spec.namespace,
    `${c.spec.name}-${service}`,
    port,
  );

/** Every Service an Ingress path or HTTPRoute rule sends to, with the port it names. */
function routedBackends(
  objects: any[],
): Array<{ service: string; port: number | string }> {
  return objects.flatMap(o => {
    if (o.kind === 'Ingress') {
      return o.spec.rules.flatMap((r: any) =>
        r.http.paths.map((p: any) => ({
          service: p.backend.service.name,
          port: p.backend.service.port.name ?? p.backend.service.port.number,
        })),
      );
    }
    if (o.kind === 'HTTPRoute') {
      return o.spec.rules.flatMap((r: any) =>
        r.backendRefs.map((b: any) => ({ service: b.name, port: b.port })),
      );
    }
    return [];
  });
}

/** Every Service port a ServiceMonitor scrapes, as Prometheus Operator resolves it. */
function scrapedServices(objects: any[]) {
  const services = objects.filter(o => o.kind === 'Service');
  return objects
    .filter(o => o.kind === 'ServiceMonitor')
    .flatMap(monitor =>
      services
        .filter(s =>
          selectorMatches(monitor.spec.selector, s.metadata.labels ?? {}),
        )
        .flatMap(s =>
          monitor.spec.endpoints.map((e: any) => ({
            monitor: monitor.metadata.name,
            service: s.metadata.name,
            port: e.port,
          })),
        ),
    );
}

const SCENARIOS: Record<string, DeploymentParameters> = {
  'defaults (Traefik)': { name: 'todo' },
  'ingress-nginx': { name: 'todo', ingress: { provider: 'nginx' } },
  'Gateway API, blue-green on green': {
    name: 'todo',
    ingress: {
      provider: 'gateway',
      gateway: { name: 'public', namespace: 'gateways' },
    },
    rollout: { strategy: 'blue-green', activeColor: 'green' },
  },
  'Traefik in kube-system (k3s), Prometheus in observability': {
    name: 'shop',
    namespace: 'apps',
    ingress: { controllerNamespace: 'kube-system' },
    monitoring: { namespace: 'observability' },
  },
};

describe.each(HELM_MAJORS)(
  'traffic under the chart’s NetworkPolicies (Helm %s)',
  major => {
    describe.each(Object.entries(SCENARIOS))('%s', (_label, parameters) => {
      let c: Cluster;
      beforeAll(async () => {
        c = await clusterFor(major, parameters);
      });

      it('lets the ingress controller reach every path it routes: /, /api and /mcp', () => {
        const backends = routedBackends(c.objects);
        expect(backends.map(b => b.service).sort()).toEqual(
          ['backend', 'frontend', 'mcp'].map(s => `${c.spec.name}-${s}`).sort(),
        );
        for (const { service, port } of backends) {
          expect({
            service,
            allowed: c.network.serviceAllows(
              c.controller,
              c.spec.namespace,
              service,
              port,
            ),
          }).toEqual({ service, allowed: true });
        }
      });

      it('lets the frontend and the MCP server call the backend, and the backend its data stores', () => {
        expect(reaches(c, appPod(c, 'frontend'), 'backend', 'http')).toBe(true);
        expect(reaches(c, appPod(c, 'mcp'), 'backend', 'http')).toBe(true);
        expect(
          reaches(c, appPod(c, 'backend'), 'postgres', 'tcp-postgres'),
        ).toBe(true);
        expect(reaches(c, appPod(c, 'backend'), 'redis', 'tcp-redis')).toBe(
          true,
        );
      });

      it('lets Prometheus scrape every port a ServiceMonitor names', () => {
        const scraped = scrapedServices(c.objects);
        expect(scraped.map(s => s.monitor).sort()).toEqual(
          ['backend', 'mcp', 'postgres-exporter', 'redis-exporter']
            .map(s => `${c.spec.name}-${s}`)
            .sort(),
        );
        for (const target of scraped) {
          expect({
            ...target,
            allowed: c.network.serviceAllows(
              c.prometheus,
              c.spec.namespace,
              target.service,
              target.port,
            ),
          }).toEqual({ ...target, allowed: true });
        }
      });

      it('lets every pod of the release resolve names, and the helm test pod reach the backend', () => {
        const release = c.network.pods.filter(
          p =>
            p.namespace === c.spec.namespace &&
            p.labels['app.kubernetes.io/instance'],
        );
        expect(release.length).toBeGreaterThanOrEqual(7);
        for (const pod of release) {
          expect({
            pod: pod.name,
            udp: c.network.podAllows(pod, c.dns, 53, 'UDP'),
            tcp: c.network.podAllows(pod, c.dns, 53, 'TCP'),
          }).toEqual({ pod: pod.name, udp: true, tcp: true });
        }
        expect(
          reaches(c, podOf(c, `${c.spec.name}-helm-test`), 'backend', 'http'),
        ).toBe(true);
      });

      it('denies everything else', () => {
        const denied: Array<[string, ModelPod, string, string]> = [
          [
            'another namespace → postgres',
            c.intruder,
            'postgres',
            'tcp-postgres',
          ],
          ['another namespace → redis', c.intruder, 'redis', 'tcp-redis'],
          ['another namespace → backend', c.intruder, 'backend', 'http'],
          ['another namespace → frontend', c.intruder, 'frontend', 'http'],
          [
            'a foreign pod in the namespace → postgres',
            c.stranger,
            'postgres',
            'tcp-postgres',
          ],
          [
            'frontend → postgres',
            appPod(c, 'frontend'),
            'postgres',
            'tcp-postgres',
          ],
          ['frontend → redis', appPod(c, 'frontend'), 'redis', 'tcp-redis'],
          ['mcp → postgres', appPod(c, 'mcp'), 'postgres', 'tcp-postgres'],
          ['mcp → redis', appPod(c, 'mcp'), 'redis', 'tcp-redis'],
          [
            'the controller → postgres',
            c.controller,
            'postgres',
            'tcp-postgres',
          ],
          ['the controller → redis', c.controller, 'redis', 'tcp-redis'],
          [
            'Prometheus → postgres itself',
            c.prometheus,
            'postgres',
            'tcp-postgres',
          ],
          [
            'a controller in another namespace → frontend',
            c.misplacedController,
            'frontend',
            'http',
          ],
          [
            'a controller in another namespace → backend',
            c.misplacedController,
            'backend',
            'http',
          ],
        ];
        const allowed = denied
          .filter(([, from, service, port]) => reaches(c, from, service, port))
          .map(([label]) => label);
        expect(allowed).toEqual([]);
        // Nothing of the release talks to the outside world.
        for (const component of ['frontend', 'backend', 'mcp'] as const) {
          expect(
            c.network.podAllows(appPod(c, component), c.intruder, 443),
          ).toBe(false);
        }
        expect(
          c.network.podAllows(
            podOf(c, `${c.spec.name}-postgres`),
            c.intruder,
            443,
          ),
        ).toBe(false);
      });

      it('follows the container ports the images listen on', () => {
        const targets = c.network.endpoints(
          c.spec.namespace,
          `${c.spec.name}-mcp`,
          'http',
        );
        expect(targets.map(t => t.port)).toEqual([COMPONENT_PORTS.mcp]);
      });
    });

    it('keeps every store closed and the app open to nobody when ingress and monitoring are off', async () => {
      const c = await clusterFor(major, {
        name: 'quiet',
        ingress: { enabled: false },
        monitoring: { enabled: false },
      });
      expect(reaches(c, c.controller, 'frontend', 'http')).toBe(false);
      expect(reaches(c, c.controller, 'mcp', 'http')).toBe(false);
      expect(reaches(c, c.prometheus, 'backend', 'http')).toBe(false);
      expect(reaches(c, appPod(c, 'frontend'), 'backend', 'http')).toBe(true);
      expect(reaches(c, appPod(c, 'backend'), 'postgres', 'tcp-postgres')).toBe(
        true,
      );
    });
  },
);
