import { asArray, asRecord } from '../objects';
import { containerRule } from './helpers';

/** Kubernetes' default terminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

/** Seconds a preStop hook sleeps: the `sleep` action, or `sleep N` run by exec. */
export function preStopSleepSeconds(preStop: unknown): number | undefined {
  const hook = asRecord(preStop);
  const sleep = asRecord(hook.sleep).seconds;
  if (typeof sleep === 'number') {
    return sleep;
  }
  const command = asArray(asRecord(hook.exec).command).map(String).join(' ');
  const match = /(?:^|[\s;&/])sleep\s+(\d+)/.exec(command);
  return match ? Number(match[1]) : undefined;
}

/**
 * The preStop sleep lets endpoints and ingress controllers drop the pod before
 * it stops; it must end before the grace period does, or the kubelet kills
 * the app mid-request.
 */
export const gracefulShutdown = containerRule(
  {
    id: 'graceful-shutdown',
    severity: 'error',
    description:
      "A container's preStop sleep is shorter than its pod's terminationGracePeriodSeconds (default 30).",
  },
  ctx => {
    const preStop = asRecord(ctx.container.lifecycle).preStop;
    const sleep = preStopSleepSeconds(preStop);
    if (ctx.init || sleep === undefined) {
      return [];
    }
    const declared = ctx.template.spec.terminationGracePeriodSeconds;
    const grace =
      typeof declared === 'number' ? declared : DEFAULT_GRACE_SECONDS;
    return sleep < grace
      ? []
      : [
          {
            field: `${ctx.path}.lifecycle.preStop`,
            problem: `sleeps ${sleep}s, must be shorter than terminationGracePeriodSeconds (${grace}s)`,
          },
        ];
  },
);
