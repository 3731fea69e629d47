import { backendPod, goodStack } from '../__testUtils__/fixtures';
import { gracefulShutdown, preStopSleepSeconds } from './gracefulShutdown';

describe('graceful-shutdown', () => {
  it('passes a preStop sleep shorter than the grace period', () => {
    expect(gracefulShutdown.check(goodStack())).toEqual([]);
  });

  it('rejects a sleep that outlasts the grace period (default 30s)', () => {
    const stack = goodStack();
    const { pod, container } = backendPod(stack);
    delete pod.terminationGracePeriodSeconds;
    container.lifecycle.preStop = {
      exec: { command: ['/bin/sh', '-c', 'sleep 30'] },
    };
    expect(gracefulShutdown.check(stack)).toEqual([
      expect.objectContaining({
        field: 'spec.template.spec.containers[0].lifecycle.preStop',
        problem:
          'sleeps 30s, must be shorter than terminationGracePeriodSeconds (30s)',
      }),
    ]);
  });

  it('reads the sleep action and exec forms', () => {
    expect(preStopSleepSeconds({ sleep: { seconds: 7 } })).toBe(7);
    expect(preStopSleepSeconds({ exec: { command: ['sleep', '5'] } })).toBe(5);
    expect(
      preStopSleepSeconds({
        exec: { command: ['/bin/sh', '-c', 'nginx -s quit; sleep 10'] },
      }),
    ).toBe(10);
    expect(
      preStopSleepSeconds({ httpGet: { path: '/drain' } }),
    ).toBeUndefined();
  });
});
