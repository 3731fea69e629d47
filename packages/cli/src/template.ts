import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { findPackedFolder } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import path from 'node:path';
import packageJson from '../package.json';

/**
 * The template folder of the CLI installed at `packageDir`: the copy packed
 * into it (an installed CLI), else templates/evolution-todo of this workspace,
 * the one source. The same rule finds the scaffolder module's Dockerfile
 * templates (findPackedFolder).
 */
export function findTemplateDir(packageDir: string): string {
  return findPackedFolder({
    packageDir,
    packedFolders: packageJson.packedFolders,
    name: 'template',
    requiredFiles: ['template.yaml', 'skeleton'],
    what: 'The files of the evolution-todo template',
  });
}

/** The template the CLI runs unless --template names another folder. */
export function defaultTemplateDir(): string {
  return findTemplateDir(resolvePackagePath(packageJson.name));
}

/** template.yaml in a template folder: the form and the steps the CLI runs. */
export function templateFileIn(templateDir: string): string {
  return path.join(templateDir, 'template.yaml');
}
