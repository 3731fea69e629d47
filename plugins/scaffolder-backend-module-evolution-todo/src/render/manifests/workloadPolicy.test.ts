import {
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import { validateObjects } from '../../validate';
import { renderManifests } from '.';

/** The k8s/ files the workload families write. */
const WORKLOAD_FILES =
  /^(configmaps|deployments|statefulsets|services)\/|^(pdb|networkpolicies)\.yaml$/;

const CASES: Record<string, DeploymentParameters> = {
  defaults: { name: 'todo' },
  'blue-green, everything autoscaled': {
    name: 'shop',
    namespace: 'apps',
    frontend: { autoscaling: { enabled: true } },
    mcp: { autoscaling: { enabled: true } },
    rollout: { strategy: 'blue-green', activeColor: 'green' },
  },
  'one replica each, nothing optional': {
    name: 'lean',
    frontend: { replicas: 1 },
    backend: { replicas: 1, autoscaling: { enabled: false } },
    mcp: { replicas: 1 },
    ingress: { enabled: false },
    monitoring: { enabled: false },
    redis: { enabled: false },
  },
  'existing secret, gateway': {
    name: 'big',
    ingress: { provider: 'gateway' },
    postgres: { existingSecret: 'todo-db', storageClass: 'fast-ssd' },
  },
};

describe.each(Object.entries(CASES))(
  'the policy checklist on the workloads (%s)',
  (_label, parameters) => {
    it('finds neither errors nor warnings, schema included', () => {
      const placed = renderManifests(parseDeploymentParameters(parameters));
      const findings = validateObjects(
        placed.map((p, document) => ({
          object: p.object as any,
          file: p.file,
          document,
        })),
      ).filter(f => WORKLOAD_FILES.test(f.file));
      expect(findings.map(f => `${f.rule} ${f.message}`)).toEqual([]);
      // The filter must not hide the families it is about.
      expect(
        placed.filter(p => WORKLOAD_FILES.test(p.file)).length,
      ).toBeGreaterThan(10);
    });
  },
);
