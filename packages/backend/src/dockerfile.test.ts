import {
  checkDockerfile,
  GIT_EXECUTABLE,
  RUNTIME_IMAGES,
} from '@evolution-todo/plugin-scaffolder-backend-module-evolution-todo';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { APP_CONFIG_FILE, REPO_ROOT } from './testUtils/paths';

// The portal's own image follows the rules our golden path enforces on the images it generates
// (no Docker engine here: the file is parsed and checked, not built).

const DOCKERFILE = path.join(REPO_ROOT, 'packages/backend/Dockerfile');

describe('the portal Dockerfile (packages/backend/Dockerfile)', () => {
  const content = fs.readFileSync(DOCKERFILE, 'utf8');

  it('passes the Dockerfile policy, exposing the port app-config.yaml listens on', () => {
    const { port } = YAML.parse(fs.readFileSync(APP_CONFIG_FILE, 'utf8'))
      .backend.listen;
    expect(checkDockerfile(content, { port })).toEqual([]);
  });

  it('builds and runs on the Node.js LTS image the golden path pins', () => {
    const bases = [...content.matchAll(/^FROM\s+(\S+)/gm)].map(m => m[1]);
    expect(bases.length).toBeGreaterThan(1);
    expect(new Set(bases)).toEqual(new Set([RUNTIME_IMAGES.node['24']]));
  });

  it('starts the built backend with the production config', () => {
    const cmd = content.match(/^CMD\s+(\[.*\])\s*$/m)?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual([
      'node',
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ]);
  });

  it('installs in its runtime stage, as root, the program the upgrade steps run', () => {
    // The stage the portal runs in: everything after the last FROM.
    const runtime = content.slice(content.lastIndexOf('\nFROM '));
    const gitInstall = [
      ...runtime.matchAll(/^RUN\s+apk add --no-cache\s+(.+)$/gm),
    ].find(m => m[1].trim().split(/\s+/).includes(GIT_EXECUTABLE));
    expect(gitInstall).toBeDefined();
    // Before USER: a non-root user could not install it.
    expect(gitInstall!.index).toBeLessThan(runtime.indexOf('\nUSER '));
  });
});
