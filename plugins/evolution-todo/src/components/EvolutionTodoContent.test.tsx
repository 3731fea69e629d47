import { screen, waitFor, within } from '@testing-library/react';
import { EvolutionTodoContent } from './EvolutionTodoContent';
import {
  componentEntity,
  renderForEntity,
  setupSimulatedKubernetes,
  systemEntity,
} from '../__testUtils__/renderWithSimulatedCluster';

const k8s = setupSimulatedKubernetes();

describe('EvolutionTodoContent', () => {
  it('details the HPA with its conditions when it is saturated', async () => {
    k8s.cluster.setScenario('hpa-saturated');
    await renderForEntity(<EvolutionTodoContent />, componentEntity('backend'));
    const details = await screen.findByTestId('details-todo-backend');
    expect(details).toHaveTextContent(
      'HPA todo-backend: 2–10 replicas, 10 → 10, CPU 135% / 70% · at maximum',
    );
    expect(details).toHaveTextContent('AbleToScale=True (ReadyForNewScale)');
    expect(details).toHaveTextContent('ScalingActive=True (ValidMetricFound)');
    expect(details).toHaveTextContent(
      'ScalingLimited=True (TooManyReplicas): the desired replica count is more than the maximum replica count',
    );
    expect(details).toHaveTextContent(
      'desired 10 · updated 10 · ready 10 · available 10',
    );
  });

  it('lists the pods that need a look, their restarts and the latest warning events', async () => {
    k8s.cluster.setScenario('crash-loop');
    await renderForEntity(<EvolutionTodoContent />, componentEntity('mcp'));
    const details = await screen.findByTestId('details-todo-mcp');
    expect(details).toHaveTextContent(
      '1 of 2 ready; 1 need a look (9 restarts among them):',
    );
    // Pod names are `<ReplicaSet>-<suffix>`, the ReplicaSet `<Deployment>-<pod-template-hash>`.
    const pod = 'todo-mcp-[b-z2-9]{10}-[b-z2-9]{5}';
    expect(details).toHaveTextContent(
      new RegExp(
        `${pod}: Running, not ready, 9 restarts, 0\\.1\\.0 — CrashLoopBackOff: container mcp is in CrashLoopBackOff after 9 restarts; last exit: Error \\(exit code 1\\): ModuleNotFoundError: No module named "fastmcp"`,
      ),
    );
    await waitFor(() =>
      expect(details).toHaveTextContent(
        new RegExp(
          `Pod/${pod} BackOff \\(×44\\): Back-off restarting failed container mcp in pod`,
        ),
      ),
    );
  });

  it('shows the volume claim of postgres and why it is pending', async () => {
    k8s.cluster.setScenario('postgres-pvc-pending');
    await renderForEntity(<EvolutionTodoContent />, systemEntity());
    const details = await screen.findByTestId('details-todo-postgres');
    // The PVCs come through the proxy (they are not among the backend's default object types).
    await waitFor(() =>
      expect(details).toHaveTextContent(
        'data-todo-postgres-0: Pending, 10Gi, class fast-ssd — PVC data-todo-postgres-0 is Pending (ProvisioningFailed: storageclass.storage.k8s.io "fast-ssd" not found)',
      ),
    );
    expect(details).toHaveTextContent(
      'pod cannot be scheduled: 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims',
    );
  });

  it('shows both colours of a blue-green component and which one serves', async () => {
    k8s.cluster.setScenario('blue-green-half-switched');
    await renderForEntity(
      <EvolutionTodoContent />,
      componentEntity('frontend'),
    );
    const details = await screen.findByTestId('details-todo-frontend');
    expect(details).toHaveTextContent('Strategy: blue-green, serving green');
    // Traffic moved to green; blue is still scaled up, ready to switch back.
    expect(details).toHaveTextContent('blue: 3/3 ready, image 0.1.0');
    expect(details).toHaveTextContent(
      'green (serving): 3/3 ready, image 0.2.0',
    );
  });

  it('shows the live checks of the backend', async () => {
    k8s.cluster.setScenario('failing-readiness');
    await renderForEntity(<EvolutionTodoContent />, componentEntity('backend'));
    const details = await screen.findByTestId('details-todo-backend');
    await waitFor(() =>
      expect(details).toHaveTextContent(
        '✗ live /readiness: answered 503: status: unavailable, database: unreachable',
      ),
    );
    expect(details).toHaveTextContent(
      '✓ live /health: answered 200: status: ok',
    );
  });

  it('draws pods, rollout and HPA metrics as named gauges, and a paused rollout at a glance', async () => {
    k8s.cluster.setScenario('paused-rollout');
    await renderForEntity(<EvolutionTodoContent />, componentEntity('backend'));
    const row = await screen.findByTestId('workload-todo-backend');
    await waitFor(() =>
      expect(
        within(row).getByRole('img', {
          name: 'Pods of todo-backend: 3 ready, 0 starting, 0 failing, of 3 desired',
        }),
      ).toBeInTheDocument(),
    );
    expect(
      within(row).getByRole('img', {
        name: 'Rollout of todo-backend: 1 of 3 replicas updated, paused',
      }),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('img', {
        name: 'CPU of todo-backend: 41% against a target of 70%',
      }),
    ).toBeInTheDocument();
    expect(
      within(row).getByLabelText('Rollout of todo-backend: paused'),
    ).toHaveTextContent('Paused');
    expect(row).not.toHaveTextContent('complete');
  });

  it('shows a Deployment being deleted as Deleting beside a Degraded verdict', async () => {
    k8s.cluster.setScenario('backend-deleting');
    await renderForEntity(<EvolutionTodoContent />, componentEntity('backend'));
    const row = await screen.findByTestId('workload-todo-backend');
    await waitFor(() =>
      expect(
        within(row).getByLabelText('Rollout of todo-backend: deleting'),
      ).toHaveTextContent('Deleting'),
    );
    expect(row).toHaveTextContent('Degraded');
    expect(row).toHaveTextContent(
      'Deployment todo-backend is being deleted (deletion requested',
    );
  });
});
