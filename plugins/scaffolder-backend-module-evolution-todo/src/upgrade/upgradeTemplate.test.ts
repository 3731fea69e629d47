import {
  RECORDED_PARAMETERS_FIELD,
  TEMPLATE_NAMES,
} from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import YAML from 'yaml';
import { RESOLVE_PARAMETERS_ACTION_ID } from '../actions/resolveParameters';
import { UPGRADE_ACTION_ID } from '../actions/upgrade';
import { UPGRADE_GITHUB_ACTION_ID } from '../actions/upgradeGithub';
import { UPGRADE_PARAMETERS_ACTION_ID } from '../actions/upgradeParameters';
import { VALIDATE_ACTION_ID } from '../actions/validate';
import { templateFile, upgradeTemplateFile } from '../__testUtils__/workspace';

interface Step {
  id: string;
  action: string;
  input?: Record<string, unknown>;
}

const stepsOf = (file: string): Step[] =>
  YAML.parse(fs.readFileSync(file, 'utf8')).spec.steps;

/** A render step with its parameter inputs set aside: the only inputs the two templates feed differently. */
const withoutParameterInputs = ({ id, action, input }: Step) => {
  const { parameters, templateVersion, ...rest } = input ?? {};
  return { id, action, input: rest, fed: { parameters, templateVersion } };
};

describe('the upgrade template (templates/evolution-todo/upgrade.yaml)', () => {
  const create = stepsOf(templateFile());
  const upgrade = stepsOf(upgradeTemplateFile());
  const validateAt = create.findIndex(s => s.action === VALIDATE_ACTION_ID);
  const renderSteps = create.slice(0, validateAt + 1);

  it("shows the picked System's recorded parameters for editing, and passes what is submitted as the changes", () => {
    const spec = YAML.parse(
      fs.readFileSync(upgradeTemplateFile(), 'utf8'),
    ).spec;
    const pages: Array<{ properties: Record<string, any> }> = spec.parameters;
    const fields = Object.assign({}, ...pages.map(page => page.properties));
    expect(fields.changes).toMatchObject({
      type: 'string',
      'ui:field': RECORDED_PARAMETERS_FIELD,
      description: expect.stringMatching(
        /^The recorded parameters; edit any of them\./,
      ),
    });
    // The field reads the System from this form field.
    expect(fields[fields.changes['ui:options'].systemField]).toMatchObject({
      'ui:field': 'EntityPicker',
    });
    expect(spec.steps[0].input).toMatchObject({
      entityRef: '${{ parameters.system }}',
      changes: '${{ parameters.changes }}',
    });
  });

  it('renders with exactly the golden path template steps, up to validation', () => {
    const [prepare, ...rest] = upgrade;
    expect(prepare.action).toBe(UPGRADE_PARAMETERS_ACTION_ID);
    const render = rest.slice(0, renderSteps.length);
    expect(
      render.map(withoutParameterInputs).map(({ fed: _fed, ...step }) => step),
    ).toEqual(
      renderSteps
        .map(withoutParameterInputs)
        .map(({ fed: _fed, ...step }) => step),
    );
    // Then the merge: local or on GitHub, each step chosen by its `if` on the destination.
    expect(rest.slice(renderSteps.length).map(s => s.action)).toEqual([
      UPGRADE_ACTION_ID,
      UPGRADE_GITHUB_ACTION_ID,
    ]);
  });

  it('feeds them the record (with the changes) and the version the golden path template renders now', () => {
    const render = upgrade.slice(1, renderSteps.length + 1);
    for (const step of render.filter(s => s.input && 'parameters' in s.input)) {
      expect(step.input!.parameters).toBe(
        '${{ steps.prepare.output.parameters }}',
      );
    }
    const resolve = render.find(s => s.action === RESOLVE_PARAMETERS_ACTION_ID);
    expect(resolve?.input?.templateVersion).toBe(
      '${{ steps.prepare.output.templateVersion }}',
    );
  });

  it('is the Template the frontend links to', () => {
    const upgradeTemplate = YAML.parse(
      fs.readFileSync(upgradeTemplateFile(), 'utf8'),
    );
    expect(upgradeTemplate.metadata.name).toBe(TEMPLATE_NAMES.upgrade);
    expect(
      YAML.parse(fs.readFileSync(templateFile(), 'utf8')).metadata.name,
    ).toBe(TEMPLATE_NAMES.create);
  });
});
