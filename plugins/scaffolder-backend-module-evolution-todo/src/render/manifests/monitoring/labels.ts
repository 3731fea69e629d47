import type { LabelledComponent } from '@evolution-todo/plugin-evolution-todo-common';
import type { RenderContext } from '../../context';

/**
 * Metadata of an object the Prometheus Operator picks up: the standard labels
 * plus `release: <monitoring.prometheusRelease>`, which kube-prometheus-stack's
 * default serviceMonitorSelector and ruleSelector match.
 */
export function prometheusMetadata(
  ctx: RenderContext,
  name: string,
  component?: LabelledComponent,
) {
  const metadata = ctx.metadata(name, component);
  return {
    ...metadata,
    labels: {
      ...metadata.labels,
      release: ctx.spec.monitoring.prometheusRelease,
    },
  };
}
