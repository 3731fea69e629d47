import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  type Entity,
} from '@backstage/catalog-model';
import {
  APP_COMPONENTS,
  componentLabelSelector,
  ENTITY_ANNOTATIONS,
  parseDeploymentParameters,
  type DeploymentParameters,
} from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { DOCKER_FOLDER } from '../render/docker';
import { parseYamlStream } from '../render/yaml';
import { listFiles } from '../render/files';
import {
  renderSkeleton,
  SKELETON_TEST_VERSION,
} from './__testUtils__/renderSkeleton';
import {
  SKELETON_COPY_WITHOUT_TEMPLATING,
  SKELETON_VALUE_KEYS,
  skeletonValues,
} from './values';
import { skeletonDir } from '../__testUtils__/workspace';

const TEMPLATE_SYNTAX = /\$\{\{|\{%|%\}|\{#|#\}/;
const LOGGING_FILES = {
  loki: [
    'logging/README.md',
    'logging/alloy-values.yaml',
    'logging/loki-values.yaml',
  ],
  fluentd: [
    'logging/README.md',
    'logging/fluent-bit-values.yaml',
    'logging/fluentd-values.yaml',
  ],
  none: [],
};

/** Renders the skeleton for some parameters; returns the folder, its files and a reader. */
async function render(parameters: DeploymentParameters) {
  const spec = parseDeploymentParameters(parameters);
  const rendered = await renderSkeleton(
    skeletonValues(spec, SKELETON_TEST_VERSION),
  );
  const read = (file: string) =>
    fs.readFileSync(path.join(rendered.dir, file), 'utf8');
  return { ...rendered, spec, read };
}

type Rendered = Awaited<ReturnType<typeof render>>;
const renders: Rendered[] = [];
async function tracked(parameters: DeploymentParameters) {
  const result = await render(parameters);
  renders.push(result);
  return result;
}
afterAll(() => renders.forEach(r => r.cleanup()));

describe('skeleton/ through fetch:template', () => {
  let loki: Rendered;
  let fluentd: Rendered;
  let bare: Rendered;

  beforeAll(async () => {
    loki = await tracked({ name: 'todo' });
    fluentd = await tracked({
      name: 'shop',
      namespace: 'shop-prod',
      owner: 'group:default/shop-team',
      logging: { stack: 'fluentd' },
      rollout: { strategy: 'blue-green' },
    });
    bare = await tracked({
      name: 'lean',
      logging: { stack: 'none' },
      redis: { enabled: false },
    });
  });

  it('gives every repository the same files, and logging values only for the chosen stack', () => {
    const common = loki.files.filter(f => !f.startsWith('logging/'));
    expect(fluentd.files.filter(f => !f.startsWith('logging/'))).toEqual(
      common,
    );
    expect(bare.files).toEqual(common);
    expect(loki.files.filter(f => f.startsWith('logging/'))).toEqual(
      LOGGING_FILES.loki,
    );
    expect(fluentd.files.filter(f => f.startsWith('logging/'))).toEqual(
      LOGGING_FILES.fluentd,
    );
    expect(common).toEqual(
      expect.arrayContaining([
        'README.md',
        'catalog-info.yaml',
        'mkdocs.yml',
        'docs/index.md',
        'docs/operations.md',
        'docs/local-cluster.md',
        '.github/workflows/ci.yaml',
        'scripts/build-images.sh',
        'scripts/deploy.sh',
        'scripts/rollback.sh',
        'scripts/switch-color.sh',
        'frontend/app/api/health/route.ts',
        'backend/app/main.py',
        'mcp/todo_mcp/server.py',
      ]),
    );
    // No file or folder name keeps template syntax (the logging folders are conditional names).
    expect(loki.files.filter(f => TEMPLATE_SYNTAX.test(f))).toEqual([]);
  });

  it('leaves files without templates byte for byte as they are, and no template syntax elsewhere', () => {
    const source = skeletonDir();
    const changed: string[] = [];
    const leftovers: string[] = [];
    let templated = 0;
    for (const file of listFiles(source)) {
      // The logging folders have conditional names: compare each with the render of its stack.
      const stack = file.match(
        /^\{% if values\.loggingStack == '(\w+)' %\}logging\{% endif %\}\//,
      )?.[1];
      const rendered = stack === 'fluentd' ? fluentd : loki;
      const output = rendered.read(
        stack ? file.replace(/^[^/]*\//, 'logging/') : file,
      );
      const original = fs.readFileSync(path.join(source, file), 'utf8');
      const verbatim =
        file.startsWith('.github/workflows/') ||
        !TEMPLATE_SYNTAX.test(original);
      templated += verbatim ? 0 : 1;
      if (verbatim && output !== original) {
        changed.push(file);
      } else if (!verbatim && TEMPLATE_SYNTAX.test(output)) {
        leftovers.push(file);
      }
    }
    expect(changed).toEqual([]);
    expect(leftovers).toEqual([]);
    expect(templated).toBeGreaterThan(5);
  });

  it('uses exactly the documented values', () => {
    const used = new Set<string>();
    for (const file of listFiles(skeletonDir())) {
      if (file.startsWith('.github/workflows/')) {
        continue; // copied without templating: its ${{ }} are GitHub's
      }
      const text = `${file}\n${fs.readFileSync(
        path.join(skeletonDir(), file),
        'utf8',
      )}`;
      for (const match of text.matchAll(/\$\{\{(.*?)\}\}|\{%(.*?)%\}/g)) {
        for (const [, key] of (match[1] ?? match[2]).matchAll(
          /\bvalues\.([A-Za-z]+)/g,
        )) {
          used.add(key);
        }
      }
    }
    expect([...used].sort()).toEqual([...SKELETON_VALUE_KEYS].sort());
  });

  it("keeps the CI workflow's own ${{ }} expressions intact", () => {
    const workflow = loki.read('.github/workflows/ci.yaml');
    expect(SKELETON_COPY_WITHOUT_TEMPLATING).toEqual(['.github/workflows/*']);
    for (const expression of [
      '${{ github.sha }}',
      '${{ matrix.helm }}',
      '${{ matrix.service }}',
      "${{ github.event_name == 'push' }}",
      '${{ secrets.REGISTRY_PASSWORD || secrets.GITHUB_TOKEN }}',
      '${{ steps.image.outputs.repository }}',
    ]) {
      expect(workflow).toContain(expression);
    }
    const jobs = YAML.parse(workflow).jobs;
    // The chart is linted on both Helm majors.
    expect(
      jobs.chart.strategy.matrix.helm.map((v: string) => v.split('.')[0]),
    ).toEqual(['v3', 'v4']);
    expect(jobs.chart.steps.map((s: any) => s.run ?? '').join('\n')).toContain(
      'helm lint --strict helm/evolution-todo',
    );
    // ...and k8s/ is checked against it on both (scripts/render-k8s.sh, tested in renderK8s.test.ts).
    expect(jobs.chart.steps.map((s: any) => s.run ?? '')).toContain(
      'scripts/render-k8s.sh --check',
    );
    // Every image is built from its docker/ folder; pull requests build without pushing.
    expect(jobs.images.strategy.matrix.service).toEqual([...APP_COMPONENTS]);
    const build = jobs.images.steps.find((s: any) =>
      String(s.uses).startsWith('docker/build-push-action@'),
    );
    expect(build.with).toMatchObject({
      context: '${{ matrix.service }}',
      file: `${DOCKER_FOLDER}/\${{ matrix.service }}/Dockerfile`,
      push: "${{ github.event_name == 'push' }}",
    });
    expect(YAML.parse(workflow).on).toEqual({
      push: { branches: ['main'] },
      pull_request: null,
    });
    for (const job of ['backend', 'mcp', 'frontend', 'scripts']) {
      expect(jobs[job]).toBeDefined();
    }
  });

  it('writes nothing secret: no Secret objects, no credentials, CI credentials only from secrets', () => {
    const CREDENTIAL_KEY = /password|passwd|secret|token|api_?key/i;
    const literalKeys = (value: unknown, at: string): string[] =>
      value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, child]) =>
            CREDENTIAL_KEY.test(key) &&
            typeof child === 'string' &&
            !child.startsWith('${{')
              ? [`${at}.${key}`]
              : literalKeys(child, `${at}.${key}`),
          )
        : [];
    const findings: string[] = [];
    for (const r of [loki, fluentd]) {
      for (const file of r.files) {
        const text = r.read(file);
        const documents = /\.ya?ml$/.test(file)
          ? YAML.parseAllDocuments(text).map(d => d.toJS())
          : [];
        findings.push(
          ...documents
            .filter(doc => doc?.kind === 'Secret')
            .map(() => `${file}: a Secret object`),
          ...documents
            .flatMap(doc => literalKeys(doc, ''))
            .map(key => `${file}: ${key} has a literal value`),
          // A password may be named (an environment variable, a Secret key), never given a value.
          ...(/\/tests?\//.test(file)
            ? []
            : (
                text.match(
                  /(password|secret|token)\w*["']?\s*[:=]\s*["'][^"'$\s{<]{3,}["']/gi,
                ) ?? []
              ).map(hit => `${file}: ${hit}`)),
          ...(/(^|\/)\.env/.test(file) ? [`${file}: an env file`] : []),
        );
      }
    }
    expect(findings).toEqual([]);
  });
});

describe('catalog-info.yaml', () => {
  const policy = EntityPolicies.allOf([
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(),
    new SchemaValidEntityPolicy(),
  ]);
  const validators = [
    systemEntityV1alpha1Validator,
    componentEntityV1alpha1Validator,
    resourceEntityV1alpha1Validator,
  ];

  async function entitiesOf(parameters: DeploymentParameters) {
    const r = await tracked(parameters);
    const entities = parseYamlStream(r.read('catalog-info.yaml')) as Entity[];
    for (const entity of entities) {
      await expect(policy.enforce(entity)).resolves.toBeDefined();
      const checks = await Promise.all(validators.map(v => v.check(entity)));
      expect({
        entity: entity.metadata.name,
        valid: checks.some(Boolean),
      }).toEqual({
        entity: entity.metadata.name,
        valid: true,
      });
    }
    const byName = (name: string) =>
      entities.find(e => e.metadata.name === name)!;
    return { r, entities, byName };
  }

  it('describes the System, its three Components and its Resources, all valid entities', async () => {
    const { entities, byName } = await entitiesOf({
      name: 'shop',
      owner: 'group:default/shop-team',
      namespace: 'shop-prod',
    });
    expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual([
      'System:shop',
      'Component:shop-frontend',
      'Component:shop-backend',
      'Component:shop-mcp',
      'Resource:shop-postgres',
      'Resource:shop-redis',
    ]);
    expect(
      entities.every(e => e.spec?.owner === 'group:default/shop-team'),
    ).toBe(true);
    expect(
      entities
        .filter(e => e.kind !== 'System')
        .every(e => e.spec?.system === 'shop'),
    ).toBe(true);
    expect(byName('shop-frontend').spec).toMatchObject({
      type: 'website',
      dependsOn: ['component:shop-backend'],
    });
    expect(byName('shop-backend').spec).toMatchObject({
      type: 'service',
      dependsOn: ['resource:shop-postgres', 'resource:shop-redis'],
    });
    expect(byName('shop-mcp').spec).toMatchObject({
      type: 'service',
      dependsOn: ['component:shop-backend'],
    });
    expect(byName('shop-postgres').spec).toMatchObject({ type: 'database' });
    expect(byName('shop-redis').spec).toMatchObject({ type: 'cache' });
    expect(byName('shop').metadata.annotations).toMatchObject({
      'backstage.io/techdocs-ref': 'dir:.',
    });
  });

  it("points every entity at the release's objects with the selectors the chart's labels match", async () => {
    const { entities, byName } = await entitiesOf({
      name: 'shop',
      namespace: 'shop-prod',
    });
    for (const entity of entities) {
      expect(entity.metadata.annotations).toMatchObject({
        [ENTITY_ANNOTATIONS.kubernetesId]: 'shop',
        [ENTITY_ANNOTATIONS.kubernetesNamespace]: 'shop-prod',
      });
    }
    for (const component of [...APP_COMPONENTS, 'postgres', 'redis'] as const) {
      expect(
        byName(`shop-${component}`).metadata.annotations?.[
          ENTITY_ANNOTATIONS.kubernetesLabelSelector
        ],
      ).toBe(componentLabelSelector('shop', component));
    }
    expect(
      byName('shop').metadata.annotations?.[
        ENTITY_ANNOTATIONS.kubernetesLabelSelector
      ],
    ).toBeUndefined();
  });

  it('has no Redis resource when Redis is off', async () => {
    const { entities, byName } = await entitiesOf({
      name: 'lean',
      redis: { enabled: false },
    });
    expect(entities.map(e => e.metadata.name)).not.toContain('lean-redis');
    expect(byName('lean-backend').spec?.dependsOn).toEqual([
      'resource:lean-postgres',
    ]);
  });

  it('keeps a description with YAML syntax as plain text', async () => {
    const description = 'Todos: "fast" & simple #1 - it\'s {ok} [really]';
    const { byName, r } = await entitiesOf({ name: 'quirky', description });
    expect(byName('quirky').metadata.description).toBe(description);
    expect(YAML.parse(r.read('mkdocs.yml')).site_description).toBe(description);
  });
});

describe('docs', () => {
  it('has a mkdocs nav whose pages exist, and follows the chosen options', async () => {
    const r = await tracked({
      name: 'todo',
      rollout: { strategy: 'blue-green' },
      monitoring: { prometheusRelease: 'kps' },
    });
    const mkdocs = YAML.parse(r.read('mkdocs.yml'));
    expect(mkdocs.plugins).toContain('techdocs-core');
    const pages = mkdocs.nav.map(
      (entry: Record<string, string>) => Object.values(entry)[0],
    );
    expect(pages).toEqual(['index.md', 'operations.md', 'local-cluster.md']);
    for (const page of pages) {
      expect(r.files).toContain(`docs/${page}`);
    }
    const local = r.read('docs/local-cluster.md');
    expect(local).toContain(
      'helm upgrade --install kps prometheus-community/kube-prometheus-stack',
    );
    expect(local).toContain('grafana/loki');
    expect(local).toContain('grafana/alloy');
    expect(local).not.toMatch(/promtail/i);
    expect(local).toContain('traefik/traefik');
    const operations = r.read('docs/operations.md');
    expect(operations).toContain('scripts/switch-color.sh');
    expect(operations).not.toContain('the switch script refuses to run');
    expect(operations).toContain('{app="todo", component="backend"}');
  });

  it('mentions only the log stack that was chosen', async () => {
    const r = await tracked({
      name: 'todo',
      logging: { stack: 'fluentd' },
      redis: { enabled: false },
    });
    const local = r.read('docs/local-cluster.md');
    expect(local).toContain('fluent/fluent-bit');
    expect(local).not.toContain('grafana/loki');
    expect(r.read('docs/operations.md')).toContain(
      'the switch script refuses to run',
    );
    expect(r.read('docs/index.md')).not.toContain('todo-redis');
  });
});

describe('logging values', () => {
  it("point Alloy at the release's pods and Loki", async () => {
    const r = await tracked({ name: 'shop', namespace: 'shop-prod' });
    const alloy = YAML.parse(r.read('logging/alloy-values.yaml'));
    const config: string = alloy.alloy.configMap.content;
    expect(config).toContain('names = ["shop-prod"]');
    expect(config).toContain('label = "app.kubernetes.io/instance=shop"');
    expect(config).toContain('loki.write "default"');
    const loki = YAML.parse(r.read('logging/loki-values.yaml'));
    expect(loki.deploymentMode).toBe('SingleBinary');
    expect(config).toContain(
      'http://loki.logging.svc.cluster.local:3100/loki/api/v1/push',
    );
    expect(loki.gateway.enabled).toBe(false);
  });

  it("point Fluent Bit at the release's containers and at Fluentd", async () => {
    const r = await tracked({
      name: 'shop',
      namespace: 'shop-prod',
      logging: { stack: 'fluentd' },
    });
    const bit = YAML.parse(r.read('logging/fluent-bit-values.yaml'));
    expect(bit.config.inputs).toContain(
      '/var/log/containers/*_shop-prod_*.log',
    );
    expect(bit.config.filters).toContain(
      "Regex  $kubernetes['labels']['app.kubernetes.io/instance'] ^shop$",
    );
    expect(bit.config.outputs).toContain(
      'Host                  fluentd.logging.svc.cluster.local',
    );
    const fluentd = YAML.parse(r.read('logging/fluentd-values.yaml'));
    expect(fluentd.kind).toBe('Deployment');
    expect(fluentd.fileConfigs['01_sources.conf']).toContain('port 24224');
    expect(fluentd.service.ports).toEqual([
      { name: 'forward', protocol: 'TCP', containerPort: 24224 },
    ]);
  });
});
