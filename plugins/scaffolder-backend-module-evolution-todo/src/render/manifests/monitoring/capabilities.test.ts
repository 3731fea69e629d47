import type { DeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import path from 'node:path';
import {
  HELM_MAJORS,
  helm,
  helmTemplate,
  type HelmMajor,
} from '../../../testUtils/helm';
import {
  helmInstallDryRun,
  removeRenderedChart,
  writeChartFor,
} from '../../../__testUtils__/renderedChart';
import { createRenderContext } from '../../context';
import { parseYamlStream } from '../../yaml';
import type { KubernetesObject } from '../types';
import { byKey, isMonitoringObject } from './__testUtils__/objects';
import { renderMonitoring } from './index';
import { isOperatorObject, PROMETHEUS_OPERATOR_API_VERSION } from './operator';

/**
 * Monitoring never breaks an install: the chart renders ServiceMonitors and
 * the PrometheusRule only when .Capabilities.APIVersions has
 * monitoring.coreos.com/v1. How Helm fills that set (helm/helm v3.17
 * pkg/action/install.go and action.go, v4.1 the same files, cmd template.go):
 *
 * - `helm template` never contacts a cluster (Helm 3: ClientOnly unless
 *   --validate; Helm 4: --dry-run=client, its default): Helm's built-in list
 *   of Kubernetes' own group versions plus each `--api-versions`.
 *   `--kube-version` sets .Capabilities.KubeVersion only.
 * - Helm 4's `helm install --dry-run=client` is the same, with no
 *   `--api-versions` flag at all.
 * - `helm install` / `helm upgrade` (and Helm 3's install --dry-run, Helm 4's
 *   --dry-run=server, `helm template --validate`) ask the cluster's discovery
 *   (GetVersionSet): every served "group/version" and a "group/version/Kind"
 *   per resource; `--api-versions` is then ignored.
 *
 * The cluster cases below pass such a discovered set with --api-versions,
 * which is exactly what the install path puts into the same VersionSet.
 */

/** What GetVersionSet makes of a cluster's discovery: group versions and group/version/Kind. */
function discoveredApiVersions(served: Record<string, string[]>): string[] {
  return Object.entries(served).flatMap(([groupVersion, kinds]) => [
    groupVersion,
    ...kinds.map(kind => `${groupVersion}/${kind}`),
  ]);
}

/** A cluster with some CRDs (cert-manager, Gateway API) but no Prometheus Operator. */
const CLUSTER_WITHOUT_OPERATOR = {
  v1: ['ConfigMap', 'Service', 'Secret', 'ServiceAccount'],
  'apps/v1': ['Deployment', 'StatefulSet'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'policy/v1': ['PodDisruptionBudget'],
  'networking.k8s.io/v1': ['Ingress', 'NetworkPolicy'],
  'cert-manager.io/v1': ['Certificate', 'Issuer'],
  'gateway.networking.k8s.io/v1': ['Gateway', 'HTTPRoute'],
};

/** The same cluster after installing kube-prometheus-stack (its CRDs). */
const CLUSTER_WITH_OPERATOR = {
  ...CLUSTER_WITHOUT_OPERATOR,
  'monitoring.coreos.com/v1': [
    'Alertmanager',
    'PodMonitor',
    'Probe',
    'Prometheus',
    'PrometheusRule',
    'ServiceMonitor',
    'ThanosRuler',
  ],
  'monitoring.coreos.com/v1alpha1': [
    'AlertmanagerConfig',
    'PrometheusAgent',
    'ScrapeConfig',
  ],
};

const PARAMETERS: DeploymentParameters = { name: 'todo', namespace: 'apps' };

describe.each(HELM_MAJORS)(
  'the Prometheus Operator objects on Helm %s',
  major => {
    let chart: Awaited<ReturnType<typeof writeChartFor>>;
    beforeAll(async () => {
      chart = await writeChartFor(PARAMETERS);
    });
    afterAll(() => removeRenderedChart(chart.dir));

    const monitoringObjects = async (flags: {
      apiVersions?: string[];
      kubeVersion?: string;
    }) => {
      const args = [
        'template',
        chart.spec.name,
        chart.dir,
        '--namespace',
        chart.spec.namespace,
        '--values',
        path.join(chart.dir, 'values.yaml'),
        ...(flags.apiVersions ?? []).flatMap(api => ['--api-versions', api]),
        ...(flags.kubeVersion ? ['--kube-version', flags.kubeVersion] : []),
      ];
      return (
        parseYamlStream(await helm(major, args)) as KubernetesObject[]
      ).filter(isMonitoringObject);
    };
    const fromTypescript = () =>
      renderMonitoring(createRenderContext(chart.spec)).map(p => p.object);

    it.each<[string, { apiVersions?: string[]; kubeVersion?: string }]>([
      ['helm template with no --api-versions', {}],
      [
        'helm template --kube-version 1.34.0 (a version adds no API)',
        { kubeVersion: '1.34.0' },
      ],
      [
        'a cluster without the operator (its discovery)',
        { apiVersions: discoveredApiVersions(CLUSTER_WITHOUT_OPERATOR) },
      ],
    ])('skips them, and only them, for %s', async (_case, flags) => {
      const rendered = await monitoringObjects(flags);
      expect(rendered.filter(isOperatorObject)).toEqual([]);
      // Exporters and dashboards need no CRD: they render, exactly as k8s/ has them.
      const plain = fromTypescript().filter(o => !isOperatorObject(o));
      expect(new Set(plain.map(o => o.kind))).toEqual(
        new Set(['ConfigMap', 'Deployment', 'Service']),
      );
      expect(byKey(rendered)).toEqual(byKey(plain));
    });

    it.each<[string, string[]]>([
      [
        `helm template --api-versions ${PROMETHEUS_OPERATOR_API_VERSION}`,
        [PROMETHEUS_OPERATOR_API_VERSION],
      ],
      [
        'a cluster with kube-prometheus-stack (its discovery)',
        discoveredApiVersions(CLUSTER_WITH_OPERATOR),
      ],
    ])('renders every one for %s', async (_case, apiVersions) => {
      const rendered = await monitoringObjects({ apiVersions });
      expect(
        rendered
          .filter(isOperatorObject)
          .map(o => o.kind)
          .sort(),
      ).toEqual([
        'PrometheusRule',
        'ServiceMonitor',
        'ServiceMonitor',
        'ServiceMonitor',
        'ServiceMonitor',
      ]);
      expect(byKey(rendered)).toEqual(byKey(fromTypescript()));
    });

    it('renders no monitoring object at all when monitoring is off, whatever the cluster serves', async () => {
      const off = await writeChartFor({
        ...PARAMETERS,
        monitoring: { enabled: false },
      });
      try {
        const objects = await helmTemplate(major, off.dir, {
          release: 'todo',
          namespace: 'apps',
          valuesFiles: [path.join(off.dir, 'values.yaml')],
          apiVersions: [PROMETHEUS_OPERATOR_API_VERSION],
        });
        expect(objects.filter(isMonitoringObject)).toEqual([]);
      } finally {
        removeRenderedChart(off.dir);
      }
    });
  },
);

/**
 * NOTES.txt as `helm template` would render it, which it never prints: the
 * chart copy gets the file beside it and a probe template that renders it
 * with `tpl` (same context, same helpers) into a ConfigMap.
 */
async function notesWith(major: HelmMajor, apiVersions: string[]) {
  const chart = await writeChartFor(PARAMETERS);
  try {
    fs.copyFileSync(
      path.join(chart.dir, 'templates/NOTES.txt'),
      path.join(chart.dir, 'notes-under-test.txt'),
    );
    fs.writeFileSync(
      path.join(chart.dir, 'templates/notes-probe.yaml'),
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: notes-probe',
        'data:',
        '  notes: {{ tpl (.Files.Get "notes-under-test.txt") . | toJson }}',
        '',
      ].join('\n'),
    );
    const objects = await helmTemplate(major, chart.dir, {
      release: chart.spec.name,
      namespace: chart.spec.namespace,
      valuesFiles: [path.join(chart.dir, 'values.yaml')],
      apiVersions,
    });
    return objects.find(o => o.metadata?.name === 'notes-probe')!.data
      .notes as string;
  } finally {
    removeRenderedChart(chart.dir);
  }
}

describe.each(HELM_MAJORS)('NOTES.txt on Helm %s', major => {
  it('says what was skipped, and how to get it, when the API is missing', async () => {
    const notes = await notesWith(major, []);
    expect(notes).toContain(
      'SKIPPED: the ServiceMonitors and the alert rules (PrometheusRule): Helm found no',
    );
    expect(notes).toContain(
      'helm upgrade todo <chart> --namespace apps --reuse-values',
    );
  });

  it('says what is installed, for which Prometheus, when the API is served', async () => {
    const notes = await notesWith(major, [PROMETHEUS_OPERATOR_API_VERSION]);
    expect(notes).toContain(
      'ServiceMonitors and the alert rules (PrometheusRule todo-alerts) are installed\n   for the Prometheus of release "kube-prometheus-stack"',
    );
    expect(notes).not.toContain('SKIPPED');
  });
});

describe('helm install --dry-run=client (Helm 4: no cluster, no --api-versions)', () => {
  const install = async (parameters: DeploymentParameters) => {
    const output = await helmInstallDryRun(parameters);
    const notesAt = output.indexOf('NOTES:');
    const manifest = output.slice(
      output.indexOf('MANIFEST:') + 'MANIFEST:'.length,
      notesAt,
    );
    return {
      objects: parseYamlStream(manifest) as KubernetesObject[],
      notes: output.slice(notesAt),
    };
  };

  it('installs without the operator objects and says in NOTES what was skipped and how to get it', async () => {
    const { objects, notes } = await install({
      name: 'todo',
      namespace: 'apps',
    });
    expect(objects.filter(isOperatorObject)).toEqual([]);
    expect(
      objects.filter(
        o =>
          o.kind === 'Deployment' &&
          o.metadata.name === 'todo-postgres-exporter',
      ),
    ).toHaveLength(1);
    expect(notes).toContain(
      'SKIPPED: the ServiceMonitors and the alert rules (PrometheusRule): Helm found no\n   monitoring.coreos.com/v1 API',
    );
    expect(notes).toContain(
      'The exporters and the Grafana dashboards are installed',
    );
    expect(notes).toContain(
      'helm install kube-prometheus-stack prometheus-community/kube-prometheus-stack',
    );
    expect(notes).toContain(
      'helm upgrade todo <chart> --namespace apps --reuse-values',
    );
  });

  it('says nothing about monitoring when it is off', async () => {
    const { notes } = await install({
      name: 'todo',
      monitoring: { enabled: false },
    });
    expect(notes).not.toContain('Monitoring');
    expect(notes).not.toContain('kube-prometheus-stack');
  });

  it('names only what monitoring ships: no alerts or dashboards when they are off', async () => {
    const { notes } = await install({
      name: 'todo',
      monitoring: { alerts: false, dashboards: false },
    });
    expect(notes).toContain('SKIPPED: the ServiceMonitors: Helm found no');
    expect(notes).toContain('The exporters are installed');
  });
});
