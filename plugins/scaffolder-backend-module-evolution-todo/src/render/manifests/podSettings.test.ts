import {
  CHART_ENV_NAMES,
  COMPONENTS,
  parseDeploymentParameters,
  type Component,
} from '@evolution-todo/plugin-evolution-todo-common';
import { HELM_MAJORS, helmTemplate } from '../../testUtils/helm';
import {
  removeRenderedChart,
  writeChartFor,
} from '../../__testUtils__/renderedChart';
import { validateObjects } from '../../validate';
import { selectorMatches } from '../__testUtils__/networkModel';
import { renderManifests } from './index';

/**
 * The values platform teams set reach the pods they are meant for, in the
 * chart (real Helm) as in k8s/, without breaking a selector or the policy.
 */

const settings = (component: Component) => ({
  nodeSelector: { 'node.example.com/pool': component },
  tolerations: [
    {
      key: 'dedicated',
      operator: 'Equal' as const,
      value: component,
      effect: 'NoSchedule' as const,
    },
  ],
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
            ],
          },
        ],
      },
    },
  },
  priorityClassName: `${component}-priority`,
  podAnnotations: { 'example.com/owner': component },
  podLabels: { 'example.com/team': component },
  extraEnv: [{ name: 'TEAM_SETTING', value: component }],
});

const parameters = {
  name: 'todo',
  imagePullSecrets: ['regcred'],
  serviceAccount: {
    annotations: {
      'iam.gke.io/gcp-service-account': 'todo@p.iam.gserviceaccount.com',
    },
  },
  ...Object.fromEntries(COMPONENTS.map(c => [c, settings(c)])),
};

/** The workload of each component and its pod template. */
function workloads(objects: any[]) {
  return objects.filter(
    o =>
      ['Deployment', 'StatefulSet'].includes(o.kind) &&
      COMPONENTS.includes(o.metadata.labels['app.kubernetes.io/component']),
  );
}

function expectSettingsOnPods(objects: any[]) {
  const found = workloads(objects);
  expect(
    found.map(o => o.metadata.labels['app.kubernetes.io/component']).sort(),
  ).toEqual([...COMPONENTS].sort());
  for (const workload of found) {
    const component = workload.metadata.labels[
      'app.kubernetes.io/component'
    ] as Component;
    const pod = workload.spec.template;
    const wanted = settings(component);
    expect({ component, spec: pod.spec }).toMatchObject({
      component,
      spec: {
        nodeSelector: wanted.nodeSelector,
        tolerations: wanted.tolerations,
        affinity: wanted.affinity,
        priorityClassName: wanted.priorityClassName,
        imagePullSecrets: [{ name: 'regcred' }],
      },
    });
    expect(pod.metadata.annotations).toMatchObject(wanted.podAnnotations);
    expect(pod.metadata.labels).toMatchObject(wanted.podLabels);
    // The team's labels sit beside the chart's: the workload still selects its own pods.
    expect(selectorMatches(workload.spec.selector, pod.metadata.labels)).toBe(
      true,
    );
    const env = pod.spec.containers[0].env.map((e: any) => e.name);
    expect(env).toContain('TEAM_SETTING');
    expect(new Set(env).size).toBe(env.length);
  }
  const account = objects.find(o => o.kind === 'ServiceAccount');
  expect(account.metadata.annotations).toEqual(
    parameters.serviceAccount.annotations,
  );
}

describe('platform pod settings', () => {
  const spec = parseDeploymentParameters(parameters);

  it('reach every component’s pods in k8s/ and pass the policy', () => {
    const placed = renderManifests(spec);
    expectSettingsOnPods(placed.map(p => p.object));
    const findings = validateObjects(
      placed.map(({ file, object }, document) => ({
        object: object as any,
        file,
        document,
      })),
    );
    expect(findings.filter(f => f.severity === 'error')).toEqual([]);
  });

  it.each(HELM_MAJORS)(
    'reach every component’s pods in the chart (Helm %s)',
    async major => {
      const { dir } = await writeChartFor(parameters);
      try {
        const objects = await helmTemplate(major, dir, {
          release: spec.name,
          namespace: spec.namespace,
          valuesFiles: [`${dir}/values.yaml`],
        });
        expectSettingsOnPods(objects);
      } finally {
        removeRenderedChart(dir);
      }
    },
  );

  it('knows every env var the chart sets itself, so extraEnv cannot duplicate one', () => {
    const defaults = renderManifests(
      parseDeploymentParameters({ name: 'todo' }),
    );
    for (const workload of workloads(defaults.map(p => p.object))) {
      const component = workload.metadata.labels[
        'app.kubernetes.io/component'
      ] as Component;
      const names = (workload.spec.template.spec.containers[0].env ?? []).map(
        (e: any) => e.name,
      );
      expect({ component, names }).toEqual({
        component,
        names: [...CHART_ENV_NAMES[component]],
      });
    }
  });

  it('cannot take over a label the chart selects by', () => {
    const chart = parseDeploymentParameters({ name: 'todo' });
    expect(() =>
      parseDeploymentParameters({
        name: 'todo',
        backend: { podLabels: { 'app.kubernetes.io/component': 'frontend' } },
      }),
    ).toThrow(
      'backend.podLabels.app.kubernetes.io/component: is a label the chart sets itself',
    );
    expect(chart.backend.podLabels).toEqual({});
  });
});
