import {
  APP_COMPONENTS,
  componentName,
  COMPONENT_PORTS,
  LABELS,
  parseDeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHART_FOLDER } from '../actions/renderChart';
import { MANIFESTS_FOLDER } from '../actions/renderManifests';
import { DOCKER_FOLDER } from '../render/docker';
import { APP_PROBE_PATHS } from '../render/conventions/workloads';
import {
  OPERATOR_MANIFESTS_FOLDER,
  PROMETHEUS_OPERATOR_API_VERSION,
} from '../render/manifests/monitoring/operator';
import {
  renderSkeleton,
  SKELETON_TEST_VERSION,
} from './__testUtils__/renderSkeleton';
import { runWithStubs, type Stubs } from './__testUtils__/stubCommands';
import { skeletonValues } from './values';

const spec = parseDeploymentParameters({
  name: 'shop',
  namespace: 'shop-dev',
  imageRegistry: 'registry.example.com/team',
});
/** The scripts that change a cluster or a registry: each has a --dry-run. */
const CHANGING_SCRIPTS = [
  'build-images.sh',
  'deploy.sh',
  'rollback.sh',
  'switch-color.sh',
];
/** render-k8s.sh writes only k8s/; its --check changes nothing (renderK8s.test.ts runs it with real Helm). */
const SCRIPTS = [...CHANGING_SCRIPTS, 'render-k8s.sh'];
const SHA = '3f2c1ab9d0e4c5b6a7f8091a2b3c4d5e6f708192';
const SHORT = SHA.slice(0, 7);

let repo: string;
let cleanup: () => void;

beforeAll(async () => {
  const rendered = await renderSkeleton(
    skeletonValues(spec, SKELETON_TEST_VERSION),
  );
  repo = rendered.dir;
  cleanup = rendered.cleanup;
  // What the render actions add to the repository beside the skeleton.
  fs.mkdirSync(path.join(repo, CHART_FOLDER), { recursive: true });
  fs.writeFileSync(
    path.join(repo, CHART_FOLDER, 'values.yaml'),
    'frontend: {}\n',
  );
  fs.writeFileSync(
    path.join(repo, CHART_FOLDER, 'values-prod.yaml'),
    'frontend: {}\n',
  );
  // k8s/ as the manifests renderer lays it out: folders, top-level files,
  // an example that is never applied, and the Prometheus Operator's folder.
  for (const file of [
    'configmaps/backend.yaml',
    'hpa.yaml',
    'secrets/db-secret.yaml.example',
    // Not a manifest: kubectl would try to read a file named on its command line.
    'README.md',
    `${OPERATOR_MANIFESTS_FOLDER}/servicemonitors.yaml`,
  ]) {
    const target = path.join(repo, MANIFESTS_FOLDER, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, 'kind: Placeholder\n');
  }
});

afterAll(() => cleanup?.());

const script = (name: string) => path.join(repo, 'scripts', name);
const run = (name: string, args: string[], stubs: Stubs = {}) =>
  runWithStubs(script(name), args, stubs);

const git: Stubs['git'] = {
  'rev-parse --is-inside-work-tree': { stdout: 'true' },
  'rev-parse HEAD': { stdout: SHA },
  'rev-parse --short HEAD': { stdout: SHORT },
};

describe('scripts/ (rendered)', () => {
  it('are executable and pass shellcheck', () => {
    for (const name of SCRIPTS) {
      expect(fs.statSync(script(name)).mode & 0o111).toBe(0o111);
    }
    const result = spawnSync(
      'shellcheck',
      [
        '--external-sources',
        '--source-path=SCRIPTDIR',
        '--severity=style',
        ...SCRIPTS.map(script),
        script('lib/common.sh'),
      ],
      { encoding: 'utf8' },
    );
    expect(result.error).toBeUndefined(); // scripts/test-all.sh installs it before the tests
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('all run with set -euo pipefail', () => {
    for (const name of SCRIPTS) {
      expect(fs.readFileSync(script(name), 'utf8')).toMatch(
        /^#!\/usr\/bin\/env bash\n(#.*\n)*set -euo pipefail\n/,
      );
    }
  });

  it('share the names of the golden path conventions', () => {
    const common = fs.readFileSync(script('lib/common.sh'), 'utf8');
    const setting = (key: string) =>
      common.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1];
    expect(setting('RELEASE_DEFAULT')).toBe(`'${spec.name}'`);
    expect(setting('NAMESPACE_DEFAULT')).toBe(`'${spec.namespace}'`);
    expect(setting('IMAGE_REGISTRY_DEFAULT')).toBe(`'${spec.imageRegistry}'`);
    expect(setting('CHART_DIR')).toBe(`'${CHART_FOLDER}'`);
    expect(setting('MANIFESTS_DIR')).toBe(`'${MANIFESTS_FOLDER}'`);
    expect(setting('OPERATOR_MANIFESTS_DIR')).toBe(
      `'${OPERATOR_MANIFESTS_FOLDER}'`,
    );
    expect(setting('PROMETHEUS_OPERATOR_API')).toBe(
      `'${PROMETHEUS_OPERATOR_API_VERSION}'`,
    );
    expect(setting('APP_COMPONENTS')).toBe(`(${APP_COMPONENTS.join(' ')})`);
    expect(setting('COLOR_LABEL')).toBe(`'${LABELS.color}'`);
    expect(setting('INSTANCE_LABEL')).toBe(`'${LABELS.instance}'`);
    expect(setting('COMPONENT_LABEL')).toBe(`'${LABELS.component}'`);
  });

  it.each(SCRIPTS)(
    "%s: -h prints the usage with this repository's defaults",
    name => {
      const result = run(name, ['-h']);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Usage: scripts/${name}`);
      expect(result.stdout).toContain(
        CHANGING_SCRIPTS.includes(name) ? '--dry-run' : '--check',
      );
      expect(result.stdout).toMatch(
        name === 'build-images.sh'
          ? /registry\.example\.com\/team/
          : /shop-dev/,
      );
    },
  );

  it.each(SCRIPTS)(
    '%s: an unknown option is a usage error (exit 2) that names it',
    name => {
      const result = run(name, ['--frobnicate']);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`${name}: unknown`);
      expect(result.stderr).toContain('--frobnicate');
      expect(result.stderr).toContain('Usage:');
    },
  );
});

describe('build-images.sh --dry-run', () => {
  const buildLine = (
    engine: string,
    service: string,
    tag = SHORT,
    revision = SHA,
  ) =>
    [
      `+ ${engine} build --file ${DOCKER_FOLDER}/${service}/Dockerfile`,
      `--tag registry.example.com/team/${componentName(
        'shop',
        service as 'frontend',
      )}:${tag}`,
      `--build-arg VERSION=${tag} --build-arg REVISION=${revision}`,
      ...(engine === 'podman'
        ? [`--ignorefile ${DOCKER_FOLDER}/${service}/Dockerfile.dockerignore`]
        : []),
      service,
    ].join(' ');

  it('builds every image with Docker, tagged with the short commit', () => {
    const result = run('build-images.sh', ['--dry-run'], { docker: {}, git });
    expect(result.status).toBe(0);
    expect(result.commands).toEqual(
      APP_COMPONENTS.map(s => buildLine('docker', s)),
    );
    expect(result.stdout).toContain('Dry run: nothing was built or pushed.');
    // Only queries ran: git for the tag, nothing that builds.
    expect(result.calls).toEqual([
      'git rev-parse --is-inside-work-tree',
      'git rev-parse HEAD',
      'git rev-parse --short HEAD',
    ]);
  });

  it("falls back to Podman, passing the Dockerfile's ignore file", () => {
    const result = run('build-images.sh', ['--dry-run', 'backend'], {
      podman: {},
      git,
    });
    expect(result.status).toBe(0);
    expect(result.commands).toEqual([buildLine('podman', 'backend')]);
  });

  it('pushes each image after building it, with the given tag and registry', () => {
    const result = run(
      'build-images.sh',
      [
        '--dry-run',
        '--push',
        '--tag',
        '1.4.0',
        '--registry',
        'ghcr.io/acme',
        'mcp',
      ],
      { docker: {}, git },
    );
    expect(result.status).toBe(0);
    expect(result.commands).toEqual([
      buildLine('docker', 'mcp', '1.4.0').replace(
        'registry.example.com/team',
        'ghcr.io/acme',
      ),
      '+ docker push ghcr.io/acme/shop-mcp:1.4.0',
    ]);
  });

  it.each<[string, string[], Stubs, string]>([
    [
      'without docker or podman',
      ['--dry-run'],
      { git },
      'neither docker nor podman is installed',
    ],
    [
      'outside git without --tag',
      ['--dry-run'],
      { docker: {} },
      'not a git repository: give the image tag with --tag',
    ],
    [
      'for the tag latest',
      ['--dry-run', '--tag', 'latest'],
      { docker: {}, git },
      "refusing the tag 'latest'",
    ],
    [
      'for an unknown service',
      ['--dry-run', 'worker'],
      { docker: {}, git },
      "unknown service 'worker'",
    ],
    [
      'for a missing option value',
      ['--tag'],
      { docker: {}, git },
      '--tag needs a value',
    ],
  ])('fails clearly %s', (_case, args, stubs, message) => {
    const result = run('build-images.sh', args, stubs);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(result.commands).toEqual([]);
  });
});

describe('deploy.sh --dry-run', () => {
  const helm = (version: string): Stubs['helm'] => ({
    'version --template {{.Version}}': { stdout: version },
  });
  const upgrade = (flag: string, extra: string[] = []) =>
    [
      `+ helm upgrade --install shop ${CHART_FOLDER} --namespace shop-dev --create-namespace`,
      `${flag} --wait --timeout 10m --values ${CHART_FOLDER}/values.yaml`,
      ...extra,
    ].join(' ');

  it('refuses --tag for a blue-green release, whose colours run their own tags', () => {
    const values = path.join(repo, CHART_FOLDER, 'values.yaml');
    const before = fs.readFileSync(values, 'utf8');
    fs.writeFileSync(values, 'rollout:\n  strategy: blue-green\n');
    try {
      const result = run('deploy.sh', ['--dry-run', '--tag', SHORT], {
        helm: helm('v4.1.4'),
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `use scripts/switch-color.sh --tag ${SHORT}`,
      );
      expect(result.commands).toEqual([]);
    } finally {
      fs.writeFileSync(values, before);
    }
  });

  it('installs the chart atomically with Helm 3', () => {
    const result = run('deploy.sh', ['--dry-run'], { helm: helm('v3.17.3') });
    expect(result.status).toBe(0);
    expect(result.commands).toEqual([upgrade('--atomic')]);
    expect(result.calls).toEqual(['helm version --template {{.Version}}']);
  });

  it('uses --rollback-on-failure with Helm 4, adds values-prod.yaml and sets the image tags', () => {
    const result = run(
      'deploy.sh',
      ['--dry-run', '--env', 'prod', '--tag', SHORT],
      { helm: helm('v4.1.4') },
    );
    expect(result.status).toBe(0);
    expect(result.commands).toEqual([
      upgrade('--rollback-on-failure', [
        `--values ${CHART_FOLDER}/values-prod.yaml`,
        ...APP_COMPONENTS.map(c => `--set ${c}.image.tag=${SHORT}`),
      ]),
    ]);
  });

  const M = MANIFESTS_FOLDER;
  const applyRest = `+ kubectl apply --server-side --field-manager=evolution-todo-deploy --namespace shop-dev --recursive --filename ${M}/configmaps --filename ${M}/hpa.yaml --filename ${M}/secrets`;
  const applyOperator = `+ kubectl apply --server-side --field-manager=evolution-todo-deploy --namespace shop-dev --recursive --filename ${M}/${OPERATOR_MANIFESTS_FOLDER}`;
  const rollouts = [
    '+ kubectl rollout status deployment --namespace shop-dev --selector app.kubernetes.io/instance=shop --timeout 5m',
    '+ kubectl rollout status statefulset --namespace shop-dev --selector app.kubernetes.io/instance=shop --timeout 5m',
  ];
  const apiVersions = (...extra: string[]) => ({
    stdout: ['v1', 'apps/v1', 'autoscaling/v2', ...extra].join('\n'),
  });

  it('applies k8s/ with kubectl for --raw, creating the namespace, and k8s/monitoring/ where the cluster serves the operator API', () => {
    const result = run('deploy.sh', ['--dry-run', '--raw', '--timeout', '5m'], {
      kubectl: {
        'get namespace shop-dev': { exitCode: 1 },
        'api-versions': apiVersions(PROMETHEUS_OPERATOR_API_VERSION),
      },
    });
    expect(result.status).toBe(0);
    expect(result.commands).toEqual([
      '+ kubectl create namespace shop-dev',
      applyRest,
      applyOperator,
      ...rollouts,
    ]);
    expect(result.stderr).toBe('');
  });

  it('skips k8s/monitoring/ for --raw on a cluster without the operator, and says so and how to apply it later', () => {
    const result = run('deploy.sh', ['--dry-run', '--raw', '--timeout', '5m'], {
      kubectl: {
        // Another monitoring.coreos.com version is not the one the objects use.
        'api-versions': apiVersions('monitoring.coreos.com/v1alpha1'),
      },
    });
    expect(result.status).toBe(0);
    expect(result.commands).toEqual([applyRest, ...rollouts]);
    expect(result.stderr).toContain(
      `deploy.sh: skipped ${M}/${OPERATOR_MANIFESTS_FOLDER}/ (ServiceMonitors, PrometheusRule): the cluster does not serve ${PROMETHEUS_OPERATOR_API_VERSION}.`,
    );
    expect(result.stderr).toContain(
      `then run: kubectl apply --server-side --namespace shop-dev --recursive --filename ${M}/${OPERATOR_MANIFESTS_FOLDER}`,
    );
  });

  it('stops before applying the operator objects when the API versions cannot be listed', () => {
    const result = run('deploy.sh', ['--dry-run', '--raw'], {
      kubectl: { 'api-versions': { exitCode: 1 } },
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      "could not list the cluster's API versions",
    );
    expect(result.commands).toEqual([applyRest]);
  });

  it.each<[string, string[], Stubs, string]>([
    [
      'an unknown environment',
      ['--env', 'staging'],
      {},
      "--env must be dev or prod (got 'staging')",
    ],
    [
      'a bad timeout',
      ['--timeout', 'soon'],
      {},
      '--timeout must be a duration',
    ],
    [
      'the tag latest',
      ['--tag', 'latest'],
      {},
      "--tag must be a pinned image tag, not 'latest'",
    ],
    [
      'an unsupported Helm',
      ['--dry-run'],
      { helm: helm('v2.17.0') },
      "unsupported Helm version 'v2.17.0'",
    ],
    ['no helm', ['--dry-run'], {}, 'helm is required but not found on PATH'],
  ])('fails clearly for %s', (_case, args, stubs, message) => {
    const result = run('deploy.sh', args, stubs);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(result.commands).toEqual([]);
  });
});

describe('render-k8s.sh (runs with real Helm in renderK8s.test.ts)', () => {
  it('fails clearly without helm, before touching k8s/', () => {
    const result = run('render-k8s.sh', ['--check']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      'render-k8s.sh: helm is required but not found on PATH',
    );
    expect(fs.existsSync(path.join(repo, MANIFESTS_FOLDER, 'hpa.yaml'))).toBe(
      true,
    );
  });
});

describe('rollback.sh --dry-run', () => {
  it('rolls the release back to the previous revision and shows the history', () => {
    const result = run('rollback.sh', ['--dry-run'], { helm: {} });
    expect(result.status).toBe(0);
    expect(result.commands).toEqual([
      '+ helm rollback shop --namespace shop-dev --wait --timeout 10m',
      '+ helm history shop --namespace shop-dev --max 5',
    ]);
    expect(result.calls).toEqual([]);
  });

  it('rolls back to a given revision', () => {
    const result = run('rollback.sh', ['--dry-run', '7'], { helm: {} });
    expect(result.commands[0]).toBe(
      '+ helm rollback shop 7 --namespace shop-dev --wait --timeout 10m',
    );
  });

  it('undoes the last rollout of the app Deployments for --raw', () => {
    const selector = `'app.kubernetes.io/instance=shop,app.kubernetes.io/component in (${APP_COMPONENTS.join(
      ',',
    )})'`;
    const result = run('rollback.sh', ['--dry-run', '--raw'], { kubectl: {} });
    expect(result.status).toBe(0);
    expect(result.commands).toEqual([
      `+ kubectl rollout undo deployment --namespace shop-dev --selector ${selector}`,
      `+ kubectl rollout status deployment --namespace shop-dev --selector ${selector} --timeout 10m`,
    ]);
  });

  it.each<[string[], string]>([
    [['0'], "REVISION must be a positive number (got '0')"],
    [['2', '3'], 'only one REVISION may be given'],
    [['--raw', '3'], '--raw undoes the last rollout; it takes no REVISION'],
  ])('refuses %j', (args, message) => {
    const result = run('rollback.sh', ['--dry-run', ...args], {
      helm: {},
      kubectl: {},
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('switch-color.sh', () => {
  // The full switch (Helm upgrades, sizes, rollback window) is in blueGreen.test.ts.
  const colorQuery = (component: string) =>
    `get service ${componentName(
      'shop',
      component as 'mcp',
    )} --namespace shop-dev --output jsonpath={.spec.selector.${LABELS.color.replace(
      /\./g,
      '\\.',
    )}}`;
  const cluster = (active: Record<string, string>): Stubs => ({
    helm: {},
    kubectl: Object.fromEntries(
      APP_COMPONENTS.map(c => [colorQuery(c), { stdout: active[c] }]),
    ),
  });
  const allOn = (color: string) =>
    Object.fromEntries(APP_COMPONENTS.map(c => [c, color]));

  it('knows the ports and readiness paths the chart gives the app components', () => {
    const common = fs.readFileSync(
      path.join(repo, 'scripts', 'lib', 'common.sh'),
      'utf8',
    );
    const list = (name: string) =>
      common.match(new RegExp(`^${name}=\\((.*)\\)$`, 'm'))![1].split(' ');
    expect(list('APP_COMPONENTS')).toEqual([...APP_COMPONENTS]);
    expect(list('APP_PORTS')).toEqual(
      APP_COMPONENTS.map(c => String(COMPONENT_PORTS[c])),
    );
    expect(list('APP_READINESS_PATHS')).toEqual(
      APP_COMPONENTS.map(c => APP_PROBE_PATHS[c].readiness),
    );
  });

  it.each<[string, string[], Record<string, string>, string]>([
    [
      'a release with rolling updates',
      [],
      allOn(''),
      'selects no colour: the release does not use the blue-green rollout strategy',
    ],
    [
      'Services on different colours',
      [],
      { frontend: 'blue', backend: 'green', mcp: 'blue' },
      'the Services disagree on the active colour',
    ],
    ['an unpinned tag', ['--tag', 'latest'], allOn('blue'), 'pinned image tag'],
    [
      '--finish with a tag',
      ['--finish', '--tag', '1.2.3'],
      allOn('blue'),
      '--finish takes no --tag',
    ],
  ])('refuses %s', (_case, args, active, message) => {
    const result = run(
      'switch-color.sh',
      ['--dry-run', ...args],
      cluster(active),
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(result.commands).toEqual([]);
  });
});
