import { screen, waitFor, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { SimulatedCluster } from '../__testUtils__/simulatedCluster';
import { EvolutionTodoCard } from './EvolutionTodoCard';
import {
  CLUSTER_URL,
  componentEntity,
  renderForEntity,
  SECOND_CLUSTER_URL,
  setupSimulatedKubernetes,
  systemEntity,
} from '../__testUtils__/renderWithSimulatedCluster';

// Each case renders the card against a simulated cluster over msw; on a loaded two-core CI
// machine one render with its retries can take longer than Jest's default 5 s.
jest.setTimeout(30_000);

const k8s = setupSimulatedKubernetes();
const BACKEND = 'http://localhost:7007/api/kubernetes';

async function systemVerdict() {
  return screen.findByTestId('system-verdict');
}

describe('EvolutionTodoCard', () => {
  describe('cluster scenarios', () => {
    it('shows replicas, the HPA, live checks and Healthy for a healthy system', async () => {
      await renderForEntity(<EvolutionTodoCard />, systemEntity());
      expect(await systemVerdict()).toHaveTextContent('System todo: Healthy');
      expect(
        screen.getByText('all 7 workloads are healthy'),
      ).toBeInTheDocument();
      const backend = screen.getByTestId('workload-todo-backend');
      expect(backend).toHaveTextContent('3/3 ready');
      expect(backend).toHaveTextContent(
        'desired 3 · updated 3 · ready 3 · available 3',
      );
      expect(backend).toHaveTextContent(
        'HPA 2–10 replicas, 3 → 3, CPU 41% / 70%',
      );
      expect(backend).toHaveTextContent(
        'rolling update (maxSurge 1, maxUnavailable 0)',
      );
      expect(backend).toHaveTextContent('0.1.0');
      expect(
        within(backend).getByText(
          /✓ live \/readiness: answered 200: status: ok, database: ok/,
        ),
      ).toBeInTheDocument();
      expect(screen.getByTestId('workload-todo-postgres')).toHaveTextContent(
        'StatefulSet',
      );
      expect(screen.getByTestId('workload-todo-frontend')).toHaveTextContent(
        'no HPA',
      );
    });

    it('turns failing readiness into Degraded with the reasons', async () => {
      k8s.cluster.setScenario('failing-readiness');
      await renderForEntity(<EvolutionTodoCard />, systemEntity());
      const verdict = await systemVerdict();
      expect(verdict).toHaveTextContent('System todo: Degraded');
      expect(verdict).toHaveTextContent(
        'todo-backend is degraded: 2 of 3 replicas available',
      );
      const backend = screen.getByTestId('workload-todo-backend');
      await waitFor(() =>
        expect(backend).toHaveTextContent(
          'live /readiness check: answered 503: status: unavailable, database: unreachable',
        ),
      );
      expect(backend).toHaveTextContent(
        'Readiness probe failed: HTTP probe failed with statuscode: 503',
      );
      expect(backend).toHaveTextContent('2/3 ready');
    });

    it.each([
      [
        'stalled-rollout',
        'todo-backend',
        'Degraded',
        'rollout of todo-backend stalled (ProgressDeadlineExceeded)',
      ],
      [
        'hpa-saturated',
        'todo-backend',
        'Degraded',
        'HPA todo-backend is at its maximum of 10 replicas and cannot add more while cpu is at 135% (target 70%)',
      ],
      [
        'crash-loop',
        'todo-mcp',
        'Degraded',
        'container mcp is in CrashLoopBackOff after 9 restarts; last exit: Error (exit code 1)',
      ],
      [
        'oom-killed',
        'todo-backend',
        'Degraded',
        'was OOMKilled (memory limit 512Mi) 2m ago',
      ],
      ['backend-down', 'todo-backend', 'Down', '0 of 3 replicas available'],
      [
        'postgres-pvc-pending',
        'todo-postgres',
        'Down',
        'PVC data-todo-postgres-0 is Pending (ProvisioningFailed: storageclass.storage.k8s.io "fast-ssd" not found)',
      ],
    ])(
      'explains the %s scenario',
      async (scenario, workload, verdict, reason) => {
        k8s.cluster.setScenario(scenario);
        await renderForEntity(<EvolutionTodoCard />, systemEntity());
        const row = await screen.findByTestId(`workload-${workload}`);
        await waitFor(() => expect(row).toHaveTextContent(reason));
        expect(within(row).getAllByText(verdict)[0]).toBeInTheDocument();
      },
    );

    it('shows a rolling update in progress as healthy with its progress', async () => {
      k8s.cluster.setScenario('rolling-update');
      await renderForEntity(<EvolutionTodoCard />, componentEntity('backend'));
      expect(await systemVerdict()).toHaveTextContent(
        'Service backend: Healthy',
      );
      const row = screen.getByTestId('workload-todo-backend');
      expect(row).toHaveTextContent(
        'rolling update of todo-backend: 1 of 3 replicas updated to 0.2.0',
      );
      expect(row).toHaveTextContent('0.2.0');
    });

    it('shows the active colour and a blue-green switch half done', async () => {
      k8s.cluster.setScenario('blue-green-half-switched');
      await renderForEntity(<EvolutionTodoCard />, systemEntity());
      const verdict = await systemVerdict();
      expect(verdict).toHaveTextContent('Degraded');
      expect(verdict).toHaveTextContent(
        'blue-green switch half done: frontend serves green, backend serves blue, mcp serves blue',
      );
      expect(screen.getByTestId('workload-todo-frontend')).toHaveTextContent(
        'blue-green, serving green',
      );
    });

    it('shows only its own workload on a Component page', async () => {
      await renderForEntity(
        <EvolutionTodoCard />,
        componentEntity('postgres', 'todo', 'Resource'),
      );
      expect(await systemVerdict()).toHaveTextContent(
        'Service postgres: Healthy',
      );
      expect(
        screen.getAllByTestId(/^workload-/).map(e => e.dataset.testid),
      ).toEqual(['workload-todo-postgres']);
    });
  });

  describe('fault states', () => {
    it.each([
      [401, 'you are not signed in or your session expired (HTTP 401)'],
      [403, 'You are not allowed to read Kubernetes objects (HTTP 403)'],
      [404, 'The Kubernetes backend was not found (HTTP 404)'],
      [500, 'The Kubernetes backend failed (HTTP 500)'],
    ])(
      'explains HTTP %i from the Kubernetes backend',
      async (status, message) => {
        k8s.server.use(
          http.post(`${BACKEND}/services/:name`, () =>
            HttpResponse.json(
              { error: { name: 'Error', message: 'refused' } },
              { status },
            ),
          ),
        );
        await renderForEntity(<EvolutionTodoCard />, systemEntity());
        expect(
          await screen.findByText(new RegExp(message.replace(/[()]/g, '\\$&'))),
        ).toBeInTheDocument();
        expect(screen.queryByTestId('system-verdict')).not.toBeInTheDocument();
      },
    );

    it('says so when the backend does not answer in time', async () => {
      k8s.server.use(
        http.post(`${BACKEND}/services/:name`, async () => {
          await delay('infinite');
          return HttpResponse.json({});
        }),
      );
      await renderForEntity(
        <EvolutionTodoCard slowAfterMs={1500} />,
        systemEntity(),
      );
      expect(
        await screen.findByText(
          'The Kubernetes backend has not answered for 2 s; still waiting.',
        ),
      ).toBeInTheDocument();
      expect(screen.getByTestId('progress')).toBeInTheDocument();
    });

    it('says so when a live check does not answer in time, without blaming the service', async () => {
      k8s.server.use(
        http.get(`${BACKEND}/proxy/*`, async ({ request }) => {
          if (request.url.includes('/proxy/health')) await delay('infinite');
          return HttpResponse.json({ items: [] });
        }),
      );
      await renderForEntity(
        <EvolutionTodoCard probeTimeoutMs={150} />,
        systemEntity(),
      );
      const backend = await screen.findByTestId('workload-todo-backend');
      await waitFor(() =>
        expect(backend).toHaveTextContent(
          '? live /health: no answer within 0.15 s (the service, the cluster or the Kubernetes backend is slow)',
        ),
      );
      expect(screen.getByTestId('system-verdict')).toHaveTextContent('Healthy');
    });

    it('explains an answer that is not JSON', async () => {
      k8s.server.use(
        http.post(`${BACKEND}/services/:name`, () =>
          HttpResponse.text('<html>Bad gateway</html>'),
        ),
      );
      await renderForEntity(<EvolutionTodoCard />, systemEntity());
      expect(
        await screen.findByText(
          'The Kubernetes backend sent an answer that is not valid JSON.',
        ),
      ).toBeInTheDocument();
    });

    it('explains JSON of an unexpected shape', async () => {
      k8s.server.use(
        http.post(`${BACKEND}/services/:name`, () =>
          HttpResponse.json({ items: 'nope' }),
        ),
      );
      await renderForEntity(<EvolutionTodoCard />, systemEntity());
      expect(
        await screen.findByText(
          'The Kubernetes backend sent an answer of an unexpected shape (no list of clusters).',
        ),
      ).toBeInTheDocument();
    });

    it('explains a cluster that sends malformed data', async () => {
      k8s.cluster.fault = { malformed: true };
      await renderForEntity(<EvolutionTodoCard />, systemEntity());
      expect(
        await screen.findByText(
          /^Cluster local could not be read: the cluster could not be reached/,
        ),
      ).toBeInTheDocument();
    });

    it('shows what one cluster sent when the other one fails', async () => {
      const second = new SimulatedCluster({ token: 'another-token' });
      k8s.useClusters([
        { name: 'local', url: CLUSTER_URL, cluster: k8s.cluster },
        // The backend holds a wrong token for this cluster: it answers 401 to everything.
        {
          name: 'eu-west',
          url: SECOND_CLUSTER_URL,
          cluster: second,
          token: 'stale-token',
        },
      ]);
      await renderForEntity(<EvolutionTodoCard />, systemEntity());
      expect(
        await screen.findByText(
          'Cluster eu-west could not be read: pods, services and 11 more could not be read (401 Unauthorized).',
        ),
      ).toBeInTheDocument();
      const verdict = await systemVerdict();
      expect(verdict).toHaveTextContent('Unknown');
      expect(screen.getByTestId('workload-todo-backend')).toHaveTextContent(
        '3/3 ready',
      );
    });

    it('shows a cluster that answers only in part', async () => {
      k8s.cluster.fault = { status: 403, only: 'horizontalpodautoscalers' };
      await renderForEntity(<EvolutionTodoCard />, systemEntity());
      expect(
        await screen.findByText(
          'Cluster local answered only in part: horizontalpodautoscalers could not be read (403 Forbidden). What it did send is shown.',
        ),
      ).toBeInTheDocument();
      expect(screen.getByTestId('workload-todo-backend')).toHaveTextContent(
        'no HPA',
      );
    });

    it('says when no cluster is configured', async () => {
      k8s.useClusters([]);
      await renderForEntity(<EvolutionTodoCard />, systemEntity());
      expect(
        await screen.findByText(
          /No Kubernetes cluster is configured in this portal/,
        ),
      ).toBeInTheDocument();
    });

    it('says when no object matches the entity', async () => {
      await renderForEntity(
        <EvolutionTodoCard />,
        systemEntity('not-deployed'),
      );
      expect(
        await screen.findByText(
          'No Kubernetes objects match this entity in cluster local (release not-deployed). Is it deployed?',
        ),
      ).toBeInTheDocument();
    });

    it('keeps showing the last answer when a refresh fails', async () => {
      await renderForEntity(
        <EvolutionTodoCard intervalMs={300} />,
        systemEntity(),
      );
      expect(await systemVerdict()).toHaveTextContent('Healthy');
      k8s.server.use(
        http.post(`${BACKEND}/services/:name`, () =>
          HttpResponse.json({ error: { message: 'boom' } }, { status: 500 }),
        ),
      );
      expect(
        await screen.findByText(
          /The Kubernetes backend failed \(HTTP 500\).*Showing the last answer\./,
        ),
      ).toBeInTheDocument();
      expect(screen.getByTestId('workload-todo-backend')).toHaveTextContent(
        '3/3 ready',
      );
    });

    it('keeps the verdict when Backstage refuses the proxy for live checks', async () => {
      k8s.server.use(
        http.get(`${BACKEND}/proxy/*`, () =>
          HttpResponse.json(
            { error: { name: 'NotAllowedError', message: 'Unauthorized' } },
            { status: 403 },
          ),
        ),
      );
      await renderForEntity(<EvolutionTodoCard />, systemEntity());
      expect(await systemVerdict()).toHaveTextContent('Healthy');
      expect(
        await screen.findAllByText(
          /live \/health: not allowed: live state is shown to members of the owning team only/,
        ),
      ).not.toHaveLength(0);
      expect(
        await screen.findAllByText(
          /events not allowed: live state is shown to members of the owning team only/,
        ),
      ).not.toHaveLength(0);
    });
  });
});
