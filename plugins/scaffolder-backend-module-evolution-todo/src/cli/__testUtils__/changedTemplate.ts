import { ENTITY_ANNOTATIONS } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { templateDir } from '../../skeleton/values';
import { readTemplateVersion } from '../../upgrade/templateVersion';

/** The next minor version after the workspace template's: what a change to the template bumps to. */
export async function nextTemplateVersion(): Promise<string> {
  const [major, minor] = (
    await readTemplateVersion(path.join(templateDir(), 'template.yaml'))
  ).split('.');
  return `${major}.${Number(minor) + 1}.0`;
}

/**
 * "The template changed": a copy of templates/evolution-todo (template.yaml
 * and skeleton/) in `dir`, its version set to `version` and each skeleton
 * file edited by its function. Returns the copy's template.yaml, which the
 * CLI's render and upgrade commands run instead of the workspace's.
 */
export async function changedTemplate(
  dir: string,
  version: string,
  edits: Record<string, (content: string) => string>,
): Promise<string> {
  await fs.cp(templateDir(), dir, { recursive: true });
  const templateFile = path.join(dir, 'template.yaml');
  const template = await fs.readFile(templateFile, 'utf8');
  const annotation = new RegExp(
    `(${ENTITY_ANNOTATIONS.templateVersion}: &templateVersion )'[^']*'`,
  );
  if (!annotation.test(template)) {
    throw new Error(`${templateFile} has no version annotation to bump`);
  }
  await fs.writeFile(
    templateFile,
    template.replace(annotation, `$1'${version}'`),
  );
  for (const [file, edit] of Object.entries(edits)) {
    const target = path.join(dir, 'skeleton', file);
    const before = await fs.readFile(target, 'utf8');
    const after = edit(before);
    if (after === before) {
      throw new Error(`the edit of skeleton/${file} changed nothing`);
    }
    await fs.writeFile(target, after);
  }
  return templateFile;
}
