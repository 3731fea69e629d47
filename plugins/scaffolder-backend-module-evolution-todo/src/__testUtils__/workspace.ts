import path from 'node:path';
import { packagePath } from '../packagePath';

/**
 * The workspace around this package, for tests only: they read its examples,
 * the template and docker/. Nothing this package runs reads outside it (the
 * Dockerfile templates are packed into it: findPackedFolder); the CLI finds
 * the template the same way.
 */
export const REPO_ROOT = packagePath('../..');

/**
 * templates/evolution-todo: template.yaml and skeleton/ beside it, the folder a
 * platform team copies into its template repository (skeleton/ at the
 * workspace root links here).
 */
export function templateDir(): string {
  return path.join(REPO_ROOT, 'templates/evolution-todo');
}

/** The template's own file: its form and its steps. */
export function templateFile(): string {
  return path.join(templateDir(), 'template.yaml');
}

/** The skeleton beside the template; its fetch:template step reads it as `./skeleton`. */
export function skeletonDir(): string {
  return path.join(templateDir(), 'skeleton');
}

/** The upgrade template beside it: the same render steps, fed from a repository's record. */
export function upgradeTemplateFile(): string {
  return path.join(templateDir(), 'upgrade.yaml');
}
