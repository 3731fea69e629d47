import { resolvePackagePath } from '@backstage/backend-plugin-api';
import packageJson from '../package.json';

/**
 * A path inside this package, wherever it is installed (or in the workspace),
 * found by the name in its package.json.
 */
export function packagePath(...paths: string[]): string {
  return resolvePackagePath(packageJson.name, ...paths);
}
