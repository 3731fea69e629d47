import { safeParseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import fc from 'fast-check';
import { renderManifests } from '../render/manifests';
import { deploymentParameters } from '../__testUtils__/parameterArbitraries';
import { validateObjects } from '../validate';

/**
 * Whatever the schema accepts, the renderers turn into objects that pass
 * their Kubernetes schemas and the policy checklist: the form cannot produce
 * a repository the validation gate would stop.
 */
describe('every accepted input renders valid, policy-clean objects', () => {
  it('holds for generated parameters', () => {
    fc.assert(
      fc.property(deploymentParameters, parameters => {
        const parsed = safeParseDeploymentParameters(parameters);
        // The arbitraries only build what the schema accepts; say why if not.
        expect(parsed.success ? [] : parsed.issues).toEqual([]);
        if (!parsed.success) {
          return;
        }
        const placed = renderManifests(parsed.spec);
        const findings = validateObjects(
          placed.map(({ file, object }, document) => ({
            object: object as any,
            file,
            document,
          })),
        );
        expect(
          findings.filter(
            f => f.severity === 'error' || f.rule.startsWith('schema'),
          ),
        ).toEqual([]);
        expect(placed.length).toBeGreaterThan(0);
        expect(
          placed.every(
            p => p.object.metadata.namespace === parsed.spec.namespace,
          ),
        ).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
