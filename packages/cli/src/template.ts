import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { findPackedFolder } from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import path from 'node:path';
import packageJson from '../package.json';

/**
 * The template the CLI runs unless --template names another folder: the copy
 * packed into this package (an installed CLI), else templates/evolution-todo of
 * this workspace, the one source. The same rule finds the scaffolder module's
 * Dockerfile templates (findPackedFolder).
 */
export function defaultTemplateDir(): string {
  return findPackedFolder({
    packageDir: resolvePackagePath(packageJson.name),
    packedFolders: packageJson.packedFolders,
    name: 'template',
    requiredFiles: ['template.yaml', 'skeleton'],
    what: 'The evolution-todo template',
  });
}

/** template.yaml in a template folder: the form and the steps the CLI runs. */
export function templateFileIn(templateDir: string): string {
  return path.join(templateDir, 'template.yaml');
}
