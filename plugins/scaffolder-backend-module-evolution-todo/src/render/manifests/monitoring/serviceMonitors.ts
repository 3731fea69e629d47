import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { LABELS } from '@evolution-todo/plugin-evolution-todo-common';
import type { RenderContext } from '../../context';
import type { KubernetesObject, PlacedObject } from '../types';
import { prometheusMetadata } from './labels';
import { OPERATOR_MANIFESTS_FOLDER } from './operator';
import { scrapeTargets } from './targets';

/**
 * One ServiceMonitor per scraped workload. It selects the component's Service
 * by its selector labels, only in the release namespace, and scrapes the
 * Service port by name, so a port number change needs no change here.
 * Blue-green colour Services (labelled with their colour) are left out: their
 * pods are the main Service's, and a second target would count them twice.
 */
export function renderServiceMonitors(ctx: RenderContext): PlacedObject[] {
  return scrapeTargets(ctx.spec).map(target => ({
    file: `${OPERATOR_MANIFESTS_FOLDER}/servicemonitors.yaml`,
    object: new ServiceMonitor({
      metadata: prometheusMetadata(
        ctx,
        ctx.name(target.component),
        target.component,
      ),
      spec: {
        selector: {
          matchLabels: ctx.selector(target.component),
          matchExpressions: [{ key: LABELS.color, operator: 'DoesNotExist' }],
        },
        namespaceSelector: { matchNames: [ctx.namespace] },
        endpoints: [
          {
            port: target.port,
            path: target.path,
            scheme: 'http',
            interval: ctx.spec.monitoring.scrapeInterval,
          },
        ],
      },
    }).toJSON() as KubernetesObject,
  }));
}
