/**
 * Time per scaffolder step, as the scaffolder itself measures it.
 *
 * A dry-run's log carries no timestamps, and a task's events carry only the
 * database's `created_at`; but the scaffolder's workflow runner times every
 * step it runs into the prom-client histogram `scaffolder_step_duration`
 * (labels: template, step name, result), real tasks and dry-runs alike. The
 * benches run the portal in their own process, so they read that histogram:
 * a snapshot before and after a phase gives the time per step of that phase.
 */
import path from 'node:path';

interface PromHistogram {
  get(): Promise<{
    values: Array<{
      metricName?: string;
      labels: Record<string, string | number>;
      value: number;
    }>;
  }>;
}

/** The prom-client the scaffolder backend registers its metrics with (resolved from its own folder). */
function scaffolderPromClient(): {
  register: { getSingleMetric(name: string): PromHistogram | undefined };
} {
  const scaffolderDir = path.dirname(
    require.resolve('@backstage/plugin-scaffolder-backend/package.json'),
  );
  return require(require.resolve('prom-client', { paths: [scaffolderDir] }));
}

/** Seconds and runs per step name of one template, summed since the portal started. */
export type StepTotals = Map<string, { seconds: number; runs: number }>;

/** The completed ("ok") steps of the template `templateRef` so far. */
export async function stepTotals(templateRef: string): Promise<StepTotals> {
  const totals: StepTotals = new Map();
  const histogram = scaffolderPromClient().register.getSingleMetric(
    'scaffolder_step_duration',
  );
  if (!histogram) return totals;
  for (const { metricName, labels, value } of (await histogram.get()).values) {
    if (labels.template !== templateRef || labels.result !== 'ok') continue;
    const step = String(labels.step);
    const entry = totals.get(step) ?? { seconds: 0, runs: 0 };
    if (metricName?.endsWith('_sum')) entry.seconds += value;
    else if (metricName?.endsWith('_count')) entry.runs += value;
    else continue;
    totals.set(step, entry);
  }
  return totals;
}

/** Mean milliseconds per run of each step between two snapshots, in the order the steps first appear. */
export function meanStepMs(
  before: StepTotals,
  after: StepTotals,
): Array<{ step: string; ms: number; runs: number }> {
  return [...after].flatMap(([step, { seconds, runs }]) => {
    const earlier = before.get(step) ?? { seconds: 0, runs: 0 };
    const n = runs - earlier.runs;
    return n > 0
      ? [{ step, ms: ((seconds - earlier.seconds) * 1000) / n, runs: n }]
      : [];
  });
}
