import { ENTITY_ANNOTATIONS } from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs/promises';
import YAML from 'yaml';
import { templateVersionIssue } from './record';

/**
 * The version a template renders: its evolution-todo.dev/template-version
 * annotation, the one place it is written (the resolve step gets it by a
 * YAML alias).
 */
export function templateVersionOf(template: unknown, source: string): string {
  const annotations = (template as any)?.metadata?.annotations;
  const version = annotations?.[ENTITY_ANNOTATIONS.templateVersion];
  const issue = templateVersionIssue(
    `metadata.annotations["${ENTITY_ANNOTATIONS.templateVersion}"]`,
    version,
  );
  if (issue) {
    throw new Error(`${source}: ${issue.field} ${issue.message}`);
  }
  return version;
}

/** Reads a template.yaml and returns the version it renders. */
export async function readTemplateVersion(
  templateFile: string,
): Promise<string> {
  return templateVersionOf(
    YAML.parse(await fs.readFile(templateFile, 'utf8')),
    templateFile,
  );
}
