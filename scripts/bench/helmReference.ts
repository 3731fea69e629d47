/**
 * The reference every bench compares with: one `helm template` of the
 * generated chart, a process spawn as a user runs it, with the real Helm
 * binary of the chosen major version.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import {
  helmBinary,
  type HelmMajor,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo/testUtils';
import { numberOption } from './stats';

const run = promisify(execFile);

/** `--helm 3|4` from the command line, 4 when not given. */
export function helmMajorOption(): HelmMajor {
  const major = numberOption('helm', 4);
  if (major !== 3 && major !== 4) throw new Error('--helm must be 3 or 4');
  return major;
}

/**
 * Runs `helm template <release> <chart> --namespace <namespace>` once and
 * returns how long it took in ms. Away from any cluster and the user's Helm
 * cache: KUBECONFIG is /dev/null, the cache sits beside the chart.
 */
export async function timeHelmTemplate(
  major: HelmMajor,
  chart: string,
  release: string,
  namespace = release,
): Promise<number> {
  const binary = await helmBinary(major);
  const start = performance.now();
  await run(binary, ['template', release, chart, '--namespace', namespace], {
    env: {
      PATH: process.env.PATH ?? '',
      KUBECONFIG: '/dev/null',
      HELM_CACHE_HOME: path.join(chart, '..', '.helm'),
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return performance.now() - start;
}
