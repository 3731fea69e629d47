import { ENTITY_ANNOTATIONS } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import YAML from 'yaml';
import { templateFile } from '../__testUtils__/workspace';
import { RESOLVE_PARAMETERS_ACTION_ID } from '../actions/resolveParameters';
import { readTemplateVersion, templateVersionOf } from './templateVersion';

describe('the template version', () => {
  it('is written once, in the annotation, and the resolve step records that value', async () => {
    const version = await readTemplateVersion(templateFile());
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);

    // YAML.parse resolves the alias, as the catalog does when it reads the template.
    const template = YAML.parse(fs.readFileSync(templateFile(), 'utf8'));
    const resolve = template.spec.steps.find(
      (step: { action: string }) =>
        step.action === RESOLVE_PARAMETERS_ACTION_ID,
    );
    expect(resolve.input.templateVersion).toBe(version);
  });

  it('names the annotation and the rule when a template carries no usable version', () => {
    expect(() =>
      templateVersionOf({ metadata: {} }, 'fork/template.yaml'),
    ).toThrow(
      `fork/template.yaml: metadata.annotations["${ENTITY_ANNOTATIONS.templateVersion}"] must be a version like 1.2.0 (got undefined)`,
    );
    expect(() =>
      templateVersionOf(
        {
          metadata: {
            annotations: { [ENTITY_ANNOTATIONS.templateVersion]: 1.2 },
          },
        },
        't.yaml',
      ),
    ).toThrow('must be a version like 1.2.0 (got 1.2)');
  });
});
