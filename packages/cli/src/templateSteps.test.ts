import { deploymentParametersSchema } from '@evolution-todo/plugin-evolution-todo-common';
import { SKELETON_COPY_WITHOUT_TEMPLATING } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import { cliActions } from './commands';
import { defaultTemplateDir, templateFileIn } from './template';
import { cliSteps, readTemplateSteps } from './templateSteps';

const step = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  action: `test:${id}`,
  ...extra,
});
const template = (...steps: unknown[]) => ({ spec: { steps } });

describe('the steps of templates/evolution-todo/template.yaml the CLI runs', () => {
  it('are the template steps up to validate, each with an action the CLI has', async () => {
    const steps = await readTemplateSteps(templateFileIn(defaultTemplateDir()));
    expect(steps.map(s => [s.id, s.action])).toEqual([
      ['resolve', 'evolution-todo:resolve-parameters'],
      ['skeleton', 'fetch:template'],
      ['chart', 'evolution-todo:render:chart'],
      ['manifests', 'evolution-todo:render:manifests'],
      ['docker', 'evolution-todo:render:docker'],
      ['validate', 'evolution-todo:validate'],
    ]);
    const actions = cliActions();
    expect(steps.filter(s => !actions.has(s.action))).toEqual([]);
  });

  it('forward every parameter of the values file, so the CLI and the form render the same', async () => {
    const [resolve] = await readTemplateSteps(
      templateFileIn(defaultTemplateDir()),
    );
    expect(Object.keys(resolve.input.parameters as object).sort()).toEqual(
      Object.keys(deploymentParametersSchema.shape).sort(),
    );
  });

  it('fetch the skeleton the way the skeleton tests render it', async () => {
    const skeleton = (
      await readTemplateSteps(templateFileIn(defaultTemplateDir()))
    ).find(s => s.action === 'fetch:template');
    expect(skeleton?.input).toEqual({
      url: './skeleton',
      copyWithoutTemplating: [...SKELETON_COPY_WITHOUT_TEMPLATING],
      values: '${{ steps.resolve.output.skeletonValues }}',
    });
  });
});

describe('cliSteps', () => {
  it('leaves out conditional steps and everything after validate', () => {
    const steps = cliSteps(
      template(
        step('a', { name: 'First', input: { x: '${{ parameters.x }}' } }),
        step('maybe', { if: '${{ parameters.y }}' }),
        { id: 'check', action: 'evolution-todo:validate' },
        step('publish'),
      ),
    );
    expect(steps).toEqual([
      {
        id: 'a',
        name: 'First',
        action: 'test:a',
        input: { x: '${{ parameters.x }}' },
      },
      {
        id: 'check',
        name: 'check',
        action: 'evolution-todo:validate',
        input: {},
      },
    ]);
  });

  it.each([
    [{}, 'the template has no spec.steps list'],
    [template(step('a')), 'the template has no evolution-todo:validate step'],
    [template({ id: 'a' }), 'spec.steps[0] needs a string id and action'],
    [
      template(step('a', { each: '${{ parameters.list }}' })),
      'step a uses "each"',
    ],
    [
      template(step('a', { input: ['x'] })),
      'the input of step a must be a mapping',
    ],
  ])('rejects %j: %s', (document, message) => {
    expect(() => cliSteps(document)).toThrow(message);
  });
});
