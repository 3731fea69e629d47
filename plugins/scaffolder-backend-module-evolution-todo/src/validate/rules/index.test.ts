import { goodStack } from '../__testUtils__/fixtures';
import { POLICY_RULES } from '.';

describe('the policy checklist', () => {
  it('has unique rule ids and passes the compliant stack', () => {
    const ids = POLICY_RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(POLICY_RULES.flatMap(r => r.check(goodStack()))).toEqual([]);
  });

  it('never throws on malformed objects (the schema check reports those)', () => {
    const malformed = [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'x' },
        spec: 'nonsense',
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        spec: { template: { spec: { containers: 'x' } } },
      },
      { apiVersion: 'v1', kind: 'Service', spec: { selector: 3, ports: {} } },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        spec: null,
      },
      {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        spec: { endpoints: [null] },
      },
    ].map((object, document) => ({
      object: object as any,
      file: 'bad.yaml',
      document,
    }));
    for (const rule of POLICY_RULES) {
      expect(() => rule.check(malformed)).not.toThrow();
    }
  });
});
