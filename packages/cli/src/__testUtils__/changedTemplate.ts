import { ENTITY_ANNOTATIONS } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readTemplateVersion } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import { defaultTemplateDir, templateFileIn } from '../template';

/** The next minor version after the workspace template's: what a change to the template bumps to. */
export async function nextTemplateVersion(): Promise<string> {
  const [major, minor] = (
    await readTemplateVersion(templateFileIn(defaultTemplateDir()))
  ).split('.');
  return `${major}.${Number(minor) + 1}.0`;
}

/**
 * "The template changed": a copy of templates/evolution-todo (template.yaml
 * and skeleton/) in `dir`, its version set to `version` and each skeleton
 * file edited by its function. Returns `dir`, which the CLI's render and
 * upgrade commands run (their `template` option) instead of the workspace's.
 */
export async function changedTemplate(
  dir: string,
  version: string,
  edits: Record<string, (content: string) => string>,
): Promise<string> {
  await fs.cp(defaultTemplateDir(), dir, { recursive: true });
  const templateFile = templateFileIn(dir);
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
  return dir;
}
