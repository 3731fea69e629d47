import type { IHorizontalPodAutoscalerBehavior } from 'kubernetes-models/autoscaling/v2';

/**
 * How every HPA of the stack scales. The chart reads it from values.yaml
 * (`<component>.autoscaling.behavior`, so a platform team can tune it), which
 * chartValues fills from here; k8s/ uses it directly.
 *
 * Scale-up keeps the Kubernetes defaults (fast). Scale-down is conservative so
 * that a dip between two bursts does not drain pods needed again a minute
 * later: the HPA follows the highest recommendation of the last 5 minutes, then
 * removes at most a quarter of the pods a minute (the controller rounds the
 * remaining count down, so small fleets still shrink by one pod).
 */
export function hpaBehavior() {
  return {
    scaleDown: {
      stabilizationWindowSeconds: 300,
      policies: [{ type: 'Percent' as const, value: 25, periodSeconds: 60 }],
    },
  } satisfies IHorizontalPodAutoscalerBehavior;
}
