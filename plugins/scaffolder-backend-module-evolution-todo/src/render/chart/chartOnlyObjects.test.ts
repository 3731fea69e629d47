import {
  LABELS,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import path from 'node:path';
import { HELM_MAJORS, helm, type HelmMajor } from '../../testUtils/helm';
import {
  helmInstallDryRun,
  removeRenderedChart,
  writeChartFor,
} from '../../__testUtils__/renderedChart';
import { parseYamlStream } from '../yaml';
import { validateWithModel } from '../__testUtils__/workloadFamilies';

/**
 * What only the chart has: the generated PostgreSQL Secret (kept across
 * upgrades), the `helm test` hook and NOTES.txt. Rendered with real Helm.
 */

type Chart = Awaited<ReturnType<typeof writeChartFor>>;

async function template(major: HelmMajor, chart: Chart, set: string[] = []) {
  const output = await helm(major, [
    'template',
    chart.spec.name,
    chart.dir,
    '--namespace',
    chart.spec.namespace,
    '--values',
    path.join(chart.dir, 'values.yaml'),
    ...set.flatMap(s => ['--set', s]),
  ]);
  return parseYamlStream(output);
}

const hooks = (objects: any[]) =>
  objects.filter(o => o.metadata.annotations?.['helm.sh/hook'] === 'test');

const selects = (
  selector: Record<string, string>,
  labels: Record<string, string>,
) => Object.entries(selector).every(([k, v]) => labels[k] === v);

function withChart(
  parameters: DeploymentParameters,
  body: (chart: () => Chart) => void,
) {
  let chart: Chart;
  beforeAll(async () => {
    chart = await writeChartFor(parameters);
  });
  afterAll(() => removeRenderedChart(chart.dir));
  body(() => chart);
}

describe.each(HELM_MAJORS)('chart-only objects on Helm %s', major => {
  describe('with the defaults', () => {
    withChart({ name: 'todo', namespace: 'apps' }, chart => {
      it('generates a random PostgreSQL password Secret that outlives the release', async () => {
        const objects = await template(major, chart());
        const secrets = objects.filter(o => o.kind === 'Secret');
        expect(secrets.map(s => s.metadata.name)).toEqual([
          'todo-postgres-auth',
        ]);
        const [secret] = secrets;
        validateWithModel(secret);
        expect(secret.metadata.namespace).toBe('apps');
        expect(secret.metadata.labels[LABELS.kubernetesId]).toBe('todo');
        expect(secret.metadata.annotations).toEqual({
          'helm.sh/resource-policy': 'keep',
        });
        const password = Buffer.from(
          secret.data['postgres-password'],
          'base64',
        ).toString();
        expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
        // Fresh at every install (an upgrade reads the current one back with lookup).
        const again = (await template(major, chart())).find(
          o => o.kind === 'Secret',
        );
        expect(again.data['postgres-password']).not.toBe(
          secret.data['postgres-password'],
        );
      });

      it('keeps the password out of every values file', () => {
        for (const file of ['values.yaml', 'values-prod.yaml']) {
          const text = fs.readFileSync(path.join(chart().dir, file), 'utf8');
          expect(text).not.toMatch(/password/i);
        }
      });

      it('tests the backend through its Service in a restricted, pinned pod', async () => {
        const objects = await template(major, chart());
        const pod = hooks(objects).find(o => o.kind === 'Pod');
        validateWithModel(pod);
        const service = objects.find(
          o => o.kind === 'Service' && o.metadata.name === 'todo-backend',
        );
        const [container] = pod.spec.containers;
        expect(container.command).toContain(
          `http://${service.metadata.name}:${service.spec.ports[0].port}/health`,
        );
        expect(container.image).toMatch(/^busybox:\d+\.\d+\.\d+$/);
        expect(pod.spec).toMatchObject({
          restartPolicy: 'Never',
          serviceAccountName: 'todo',
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            seccompProfile: { type: 'RuntimeDefault' },
          },
        });
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(pod.metadata.labels[LABELS.kubernetesId]).toBe('todo');
      });

      it('opens exactly test pod → backend for the test, as hooks that go away after it', async () => {
        const objects = await template(major, chart());
        const pod = hooks(objects).find(o => o.kind === 'Pod');
        const backend = objects.find(
          o => o.kind === 'Deployment' && o.metadata.name === 'todo-backend',
        );
        const policies = hooks(objects).filter(o => o.kind === 'NetworkPolicy');
        expect(policies).toHaveLength(2);
        const podLabels = pod.metadata.labels;
        const backendLabels = backend.spec.template.metadata.labels;
        const egress = policies.find(p =>
          selects(p.spec.podSelector.matchLabels, podLabels),
        );
        const ingress = policies.find(p =>
          selects(p.spec.podSelector.matchLabels, backendLabels),
        );
        expect(egress.spec.policyTypes).toEqual(['Egress']);
        expect(
          selects(
            egress.spec.egress[0].to[0].podSelector.matchLabels,
            backendLabels,
          ),
        ).toBe(true);
        expect(ingress.spec.policyTypes).toEqual(['Ingress']);
        expect(
          selects(
            ingress.spec.ingress[0].from[0].podSelector.matchLabels,
            podLabels,
          ),
        ).toBe(true);
        // The test pod matches no workload policy: without the hooks it could not reach the backend.
        expect(selects(ingress.spec.podSelector.matchLabels, podLabels)).toBe(
          false,
        );
        for (const policy of policies) {
          validateWithModel(policy);
          expect(
            Number(policy.metadata.annotations['helm.sh/hook-weight']),
          ).toBeLessThan(0);
          expect(
            policy.metadata.annotations['helm.sh/hook-delete-policy'],
          ).toContain('hook-succeeded');
        }
      });

      it('drops the hook policies when NetworkPolicies are off', async () => {
        const objects = await template(major, chart(), [
          'networkPolicy.enabled=false',
        ]);
        expect(objects.filter(o => o.kind === 'NetworkPolicy')).toEqual([]);
        expect(hooks(objects).map(o => o.kind)).toEqual(['Pod']);
      });
    });
  });

  describe('with postgres.existingSecret', () => {
    withChart(
      { name: 'todo', postgres: { existingSecret: 'vault-db' } },
      chart => {
        it('creates no Secret and reads the password from the existing one', async () => {
          const objects = await template(major, chart());
          expect(objects.filter(o => o.kind === 'Secret')).toEqual([]);
          const refs = objects
            .filter(o => o.spec?.template)
            .flatMap(o => o.spec.template.spec.containers)
            .flatMap((c: any) => c.env ?? [])
            .map((e: any) => e.valueFrom?.secretKeyRef?.name)
            .filter(Boolean);
          expect(refs.length).toBeGreaterThanOrEqual(2);
          expect(new Set(refs)).toEqual(new Set(['vault-db']));
        });

        it('lints strictly with values.yaml and values-prod.yaml', async () => {
          for (const files of [
            ['values.yaml'],
            ['values.yaml', 'values-prod.yaml'],
          ]) {
            const output = await helm(major, [
              'lint',
              '--strict',
              chart().dir,
              ...files.flatMap(f => ['--values', path.join(chart().dir, f)]),
            ]);
            expect(output).toContain('0 chart(s) failed');
            expect(output).not.toMatch(/\[(WARNING|ERROR)\]/);
          }
        });
      },
    );
  });
});

describe('NOTES.txt (helm install --dry-run on Helm 4: Helm 3 needs a cluster for it)', () => {
  const notes = async (parameters: DeploymentParameters) => {
    const output = await helmInstallDryRun(parameters);
    return output.slice(output.indexOf('NOTES:'));
  };

  it('tells how to reach the app, read the password and run the test', async () => {
    const text = await notes({
      name: 'todo',
      ingress: { host: 'todo.example.com', tls: true },
    });
    expect(text).toContain('https://todo.example.com/');
    expect(text).toContain('https://todo.example.com/api');
    expect(text).toContain(
      "kubectl --namespace todo get secret todo-postgres-auth \\\n       -o jsonpath='{.data.postgres-password}' | base64 -d",
    );
    expect(text).toContain('helm test todo --namespace todo');
  });

  it('offers a port-forward without ingress, the existing Secret, and the blue-green switch', async () => {
    const text = await notes({
      name: 'shop',
      ingress: { enabled: false },
      postgres: { existingSecret: 'vault-db' },
      rollout: { strategy: 'blue-green', activeColor: 'blue' },
    });
    expect(text).toContain('port-forward service/shop-frontend 3000:3000');
    expect(text).toContain('get secret vault-db');
    expect(text).toContain('"green" (0.1.0) runs no pods');
    expect(text).toContain('scripts/switch-color.sh --tag <version>');
  });
});
