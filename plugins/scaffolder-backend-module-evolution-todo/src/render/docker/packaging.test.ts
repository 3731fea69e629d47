import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../__testUtils__/workspace';
import { listFiles } from '../files';
import { renderDockerfiles } from './renderDocker';
import { DEFAULT_RUNTIMES } from './runtimes';
import {
  DOCKER_TEMPLATE_FILES,
  dockerTemplatesDir,
  findDockerTemplatesDir,
  TEMPLATE_FOLDERS,
} from './templates';

/**
 * A platform team installs this module from npm, where there is no workspace
 * around it: the Dockerfile templates must travel inside the package. This
 * packs the package with Yarn, as publishing does (its real prepack and
 * postpack scripts, backstage-cli's part stubbed), in a copy of the workspace
 * layout, then renders from the unpacked tarball.
 */
jest.setTimeout(60_000);

const PACKAGE_DIR = path.join(
  REPO_ROOT,
  'plugins/scaffolder-backend-module-evolution-todo',
);
const PACKAGE_JSON = JSON.parse(
  fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'),
);
const TEMPLATE_PATHS = TEMPLATE_FOLDERS.flatMap(folder =>
  DOCKER_TEMPLATE_FILES.map(file => `${folder}/${file}`),
);
const spec = parseDeploymentParameters({ name: 'shop' });

let tmp: string;
let packedDir: string;
let tarball: string[];
let installedDir: string;

/** Yarn for the scratch project only: none of this workspace's settings or state. */
async function yarn(args: string[], cwd: string) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !/^(npm_|YARN_|BERRY_)/i.test(key) &&
        !['PROJECT_CWD', 'INIT_CWD'].includes(key),
    ),
  );
  const yarnBin = path.join(REPO_ROOT, '.tools/bin/yarn');
  const run = promisify(execFile)(
    fs.existsSync(yarnBin) ? yarnBin : 'yarn',
    args,
    {
      cwd,
      env: {
        ...env,
        PATH: `${path.join(tmp, 'bin')}${path.delimiter}${env.PATH}`,
        YARN_ENABLE_GLOBAL_CACHE: 'false',
        // CI=true would make the install immutable; the scratch lockfile starts empty.
        YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
        YARN_ENABLE_TELEMETRY: '0',
        YARN_GLOBAL_FOLDER: path.join(tmp, '.yarn-global'),
        YARN_NODE_LINKER: 'node-modules',
      },
    },
  );
  // Yarn explains its failures on stdout.
  return run.catch(error => {
    throw new Error(
      `yarn ${args.join(' ')} failed:\n${error.stdout}${error.stderr}`,
    );
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-pack-'));
  // The workspace layout around the package: docker/ and the pack script two levels up.
  for (const entry of ['docker', 'scripts/packed-folders.cjs']) {
    fs.cpSync(path.join(REPO_ROOT, entry), path.join(tmp, entry), {
      recursive: true,
    });
  }
  packedDir = path.join(tmp, 'plugins', path.basename(PACKAGE_DIR));
  for (const entry of ['chart', 'config.d.ts']) {
    fs.cpSync(path.join(PACKAGE_DIR, entry), path.join(packedDir, entry), {
      recursive: true,
    });
  }
  fs.mkdirSync(path.join(packedDir, 'dist'));
  fs.writeFileSync(path.join(packedDir, 'dist/index.cjs.js'), '');
  // The package's own manifest and scripts; dependencies need no install to pack.
  const { dependencies, devDependencies, ...manifest } = PACKAGE_JSON;
  fs.writeFileSync(
    path.join(packedDir, 'package.json'),
    JSON.stringify(manifest, null, 2),
  );
  fs.writeFileSync(
    path.join(tmp, 'package.json'),
    JSON.stringify({
      name: 'scratch-workspace',
      private: true,
      workspaces: ['plugins/*'],
    }),
  );
  fs.writeFileSync(path.join(tmp, 'yarn.lock'), '');
  // backstage-cli's prepack only swaps in publishConfig; nothing to copy there.
  fs.mkdirSync(path.join(tmp, 'bin'));
  fs.writeFileSync(path.join(tmp, 'bin/backstage-cli'), '#!/bin/sh\nexit 0\n', {
    mode: 0o755,
  });

  await yarn(['install'], tmp);
  await yarn(['pack', '--out', path.join(tmp, 'package.tgz')], packedDir);
  const { stdout } = await promisify(execFile)('tar', [
    '-tzf',
    path.join(tmp, 'package.tgz'),
  ]);
  tarball = stdout
    .split('\n')
    .filter(Boolean)
    .map(entry => entry.replace(/^package\//, ''));
  // Installed the way npm and Yarn lay a package out: no workspace around it.
  installedDir = path.join(tmp, 'app/node_modules', PACKAGE_JSON.name);
  fs.mkdirSync(installedDir, { recursive: true });
  await promisify(execFile)('tar', [
    '-xzf',
    path.join(tmp, 'package.tgz'),
    '-C',
    installedDir,
    '--strip-components=1',
  ]);
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the published package', () => {
  it('carries the Dockerfile templates beside the chart', () => {
    expect(tarball).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/index.cjs.js',
        'chart/evolution-todo/Chart.yaml',
        ...TEMPLATE_PATHS.map(file => `docker-templates/${file}`),
      ]),
    );
    // The copy is packed, not left behind in the package folder.
    expect(fs.existsSync(path.join(packedDir, 'docker-templates'))).toBe(false);
  });

  it('renders the same Dockerfiles when installed as from the workspace', () => {
    const packaged = findDockerTemplatesDir(installedDir);
    expect(packaged).toBe(path.join(installedDir, 'docker-templates'));
    expect(renderDockerfiles(spec, DEFAULT_RUNTIMES, packaged)).toEqual(
      renderDockerfiles(spec),
    );
  });
});

describe('dockerTemplatesDir', () => {
  it('reads the workspace docker/ folder, the source, when no packed copy is around', () => {
    // A copy left by an interrupted `yarn pack` would shadow edits to docker/.
    expect(dockerTemplatesDir()).toBe(path.join(REPO_ROOT, 'docker'));
    expect(listFiles(dockerTemplatesDir())).toEqual(
      expect.arrayContaining(TEMPLATE_PATHS),
    );
  });

  it('names every place it looked when the templates are missing', () => {
    const nowhere = path.join(tmp, 'nowhere/node_modules/pkg');
    expect(() => findDockerTemplatesDir(nowhere)).toThrow(
      `looked for frontend|python/{Dockerfile,Dockerfile.dockerignore} in ${path.join(
        nowhere,
        'docker-templates',
      )} and ${path.join(tmp, 'nowhere/docker')}`,
    );
  });
});
