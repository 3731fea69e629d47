import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const appDir = path.join(repoRoot, 'packages/app');
export const backendDir = path.join(repoRoot, 'packages/backend');
export const appConfigFile = path.join(repoRoot, 'app-config.yaml');

/** Screenshots and portal logs a person can look at; git-ignored. */
export const resultsDir = path.join(repoRoot, 'test-results/e2e');
