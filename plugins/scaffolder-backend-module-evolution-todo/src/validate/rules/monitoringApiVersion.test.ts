import { find, goodStack } from '../__testUtils__/fixtures';
import { monitoringApiVersion } from './monitoringApiVersion';

describe('monitoring-api-version', () => {
  it('passes monitoring.coreos.com/v1', () => {
    expect(monitoringApiVersion.check(goodStack())).toEqual([]);
  });

  it("rejects the original spec's ServiceMonitor under apiVersion v1", () => {
    const stack = goodStack();
    find(stack, 'ServiceMonitor').apiVersion = 'v1';
    expect(monitoringApiVersion.check(stack)).toEqual([
      expect.objectContaining({
        field: 'apiVersion',
        problem: 'must be monitoring.coreos.com/v1, is "v1"',
      }),
    ]);
  });
});
