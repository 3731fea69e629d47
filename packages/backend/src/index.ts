import { createBackend } from '@backstage/backend-defaults';
import { backendFeatures } from './features';

const backend = createBackend();
for (const feature of backendFeatures) {
  backend.add(feature);
}
// A start-up failure (a missing config value, an unreachable database) ends the
// process with the error, so Kubernetes restarts the pod and shows why; left
// alone, the already started services would keep a half-started portal alive.
backend.start().catch(error => {
  process.stderr.write(`Backend failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
