import { parseDeploymentParameters } from '@evolution-todo/plugin-evolution-todo-common';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { renderManifests } from '../render/manifests';
import {
  APP_CACHE_METRICS,
  APP_HTTP_METRICS,
} from '../render/manifests/monitoring/metrics';
import { scrapeTargets } from '../render/manifests/monitoring/targets';
import { APP_PROBE_PATHS } from '../render/conventions/workloads';
import {
  renderSkeleton,
  SKELETON_TEST_VERSION,
} from './__testUtils__/renderSkeleton';
import {
  compilePython,
  describePython,
  type PythonModule,
} from './__testUtils__/pythonSource';
import { skeletonValues } from './values';

const spec = parseDeploymentParameters({ name: 'todo' });
let repo: string;
let files: string[];
let cleanup: () => void;

beforeAll(async () => {
  const rendered = await renderSkeleton(
    skeletonValues(
      parseDeploymentParameters({ name: 'todo' }),
      SKELETON_TEST_VERSION,
    ),
  );
  ({ dir: repo, files, cleanup } = rendered);
});
afterAll(() => cleanup?.());

const read = (file: string) => fs.readFileSync(path.join(repo, file), 'utf8');
const filesUnder = (folder: string, extension: RegExp) =>
  files.filter(f => f.startsWith(`${folder}/`) && extension.test(f));

/**
 * The environment the chart gives a service's container: its ConfigMap (envFrom)
 * and its env (the database password from the Secret).
 */
function chartEnvironment(component: 'backend' | 'mcp'): string[] {
  const objects = renderManifests(spec).map(p => p.object as any);
  const name = `${spec.name}-${component}`;
  const configMap = objects.find(
    o => o.kind === 'ConfigMap' && o.metadata.name === name,
  );
  const deployment = objects.find(
    o => o.kind === 'Deployment' && o.metadata.name === name,
  );
  const env = deployment.spec.template.spec.containers.flatMap((c: any) =>
    (c.env ?? []).map((e: any) => e.name),
  );
  return [...Object.keys(configMap.data), ...env].sort();
}

/** `name==1.2.3` or `name[extra]==1.2.3` lines; comments and includes aside. */
function requirements(file: string) {
  return read(file)
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#') && !line.startsWith('-r '));
}

describe.each(['backend', 'mcp'])('%s (Python)', service => {
  let modules: Record<string, PythonModule>;
  beforeAll(() => {
    modules = describePython(repo, filesUnder(service, /\.py$/));
  });

  it('compiles', () => {
    expect(compilePython(repo, filesUnder(service, /\.py$/))).toBe('');
  });

  it('pins every requirement exactly, and tests against the same pins', () => {
    for (const line of requirements(`${service}/requirements.txt`)) {
      expect(line).toMatch(/^[A-Za-z0-9_.-]+(\[[a-z,]+\])?==\d+(\.\d+)+$/);
    }
    const dev = read(`${service}/requirements-dev.txt`);
    expect(dev).toMatch(/^-r requirements\.txt$/m);
    expect(requirements(`${service}/requirements-dev.txt`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pytest==\d+(\.\d+)+$/)]),
    );
  });

  it("reads every setting the chart gives it (PORT aside: the image's CMD binds the port)", () => {
    const code = filesUnder(service, /\.py$/)
      .filter(f => !f.includes('/tests/'))
      .map(read)
      .join('\n');
    const provided = chartEnvironment(service as 'backend' | 'mcp').filter(
      name => name !== 'PORT',
    );
    expect(provided.length).toBeGreaterThan(1);
    expect(provided.filter(name => !code.includes(`"${name}"`))).toEqual([]);
  });

  it('imports only packages its requirements install (or that they bring)', () => {
    const pinned = new Set(
      requirements(`${service}/requirements.txt`).map(line =>
        line.split(/[[=]/)[0].toLowerCase().replace(/_/g, '-'),
      ),
    );
    const provider: Record<string, string> = {
      fastapi: 'fastapi',
      sqlalchemy: 'sqlalchemy',
      redis: 'redis',
      prometheus_client: 'prometheus-client',
      starlette: service === 'mcp' ? 'mcp' : 'fastapi',
      pydantic: service === 'mcp' ? 'mcp' : 'fastapi',
      mcp: 'mcp',
      httpx: 'httpx',
    };
    const local = service === 'backend' ? 'app' : 'todo_mcp';
    const appModules = Object.entries(modules).filter(
      ([file]) => !file.includes('/tests/'),
    );
    for (const [file, module] of appModules) {
      for (const name of module.imports.filter(i => i !== local)) {
        const installedBy = provider[name];
        expect({
          file,
          name,
          pinned: installedBy !== undefined && pinned.has(installedBy),
        }).toEqual({
          file,
          name,
          pinned: true,
        });
      }
    }
  });
});

/** The services the ServiceMonitors scrape on their own `http` port (the data stores go through exporters). */
const SCRAPED_SERVICES = scrapeTargets(spec)
  .filter(target => target.port === 'http')
  .map(target => target.component);

describe.each(SCRAPED_SERVICES)('%s /metrics', service => {
  let modules: Record<string, PythonModule>;
  beforeAll(() => {
    modules = describePython(
      repo,
      filesUnder(service, /\.py$/).filter(f => !f.includes('/tests/')),
    );
  });

  it('defines exactly the metrics metrics.ts lists for it (the HTTP ones the alerts and dashboards query; the cache ones in the backend), with their label names', () => {
    const defined = Object.values(modules)
      .flatMap(module => module.calls)
      .filter(c =>
        ['Counter', 'Gauge', 'Histogram', 'Summary'].includes(c.call),
      )
      .map(c => ({ kind: c.call, name: c.args[0], labels: c.args[2] ?? [] }));
    const expected = [
      ...Object.values(APP_HTTP_METRICS),
      ...(service === 'backend' ? Object.values(APP_CACHE_METRICS) : []),
    ];
    expect(defined).toEqual(
      expected.map(m => ({
        kind: m.kind,
        name: m.name,
        labels: [...m.labels],
      })),
    );
  });

  it('serves them on GET /metrics, the path the ServiceMonitor scrapes', () => {
    const routes = Object.values(modules).flatMap(module => module.calls);
    const metricsPath = scrapeTargets(spec).find(
      t => t.component === service,
    )?.path;
    expect(
      routes.filter(
        c =>
          ['app.add_route', 'server.custom_route'].includes(c.call) &&
          c.args[0] === metricsPath,
      ),
    ).toHaveLength(1);
    // Every request counted: the middleware wraps the whole app.
    expect(routes.map(c => c.call)).toContain('app.add_middleware');
  });
});

describe('backend', () => {
  let modules: Record<string, PythonModule>;
  beforeAll(() => {
    modules = describePython(repo, [
      'backend/app/main.py',
      'backend/app/metrics.py',
      'backend/app/config.py',
    ]);
  });

  it('serves todo CRUD under /api, the probes the chart uses, and /metrics', () => {
    const routes = modules['backend/app/main.py'].decorators
      .filter(d => /^app\.(get|post|patch|put|delete)$/.test(d.call))
      .map(d => `${d.call.slice(4).toUpperCase()} ${d.args[0]}`);
    expect(routes.sort()).toEqual(
      [
        `GET ${APP_PROBE_PATHS.backend.liveness}`,
        `GET ${APP_PROBE_PATHS.backend.readiness}`,
        'GET /api/todos',
        'POST /api/todos',
        'GET /api/todos/{todo_id}',
        'PATCH /api/todos/{todo_id}',
        'DELETE /api/todos/{todo_id}',
      ].sort(),
    );
    expect(modules['backend/app/main.py'].calls).toContainEqual(
      expect.objectContaining({
        call: 'app.add_route',
        args: ['/metrics', null],
      }),
    );
    expect(modules['backend/app/main.py'].names).toContain('app');
  });

  it('connects to PostgreSQL with psycopg 3', () => {
    expect(modules['backend/app/config.py'].calls).toContainEqual(
      expect.objectContaining({
        call: 'URL.create',
        args: ['postgresql+psycopg'],
      }),
    );
    expect(requirements('backend/requirements.txt')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^psycopg\[binary\]==/)]),
    );
  });

  it('tests the API against an in-memory database and a real redis-server', () => {
    const tests = filesUnder('backend/tests', /\.py$/);
    expect(tests).toEqual(
      expect.arrayContaining([
        'backend/tests/test_todos.py',
        'backend/tests/test_health.py',
        'backend/tests/test_metrics.py',
        'backend/tests/test_repository.py',
        'backend/tests/test_cache.py',
      ]),
    );
    const described = describePython(repo, tests);
    const testCount = Object.values(described).flatMap(m =>
      m.names.filter(n => n.startsWith('test_')),
    ).length;
    expect(testCount).toBeGreaterThanOrEqual(20);
    expect(described['backend/tests/servers.py'].names).toContain(
      'RedisServer',
    );
  });

  it('wraps its repository in the Redis cache of the todo list', () => {
    const main = describePython(repo, ['backend/app/main.py'])[
      'backend/app/main.py'
    ];
    expect(main.calls.map(c => c.call)).toEqual(
      expect.arrayContaining([
        'create_redis_client',
        'RedisTodoListCache',
        'CachedTodoRepository',
      ]),
    );
    // Behaviour (cache hits, invalidation, Redis down) is the backend's own
    // pytest suite's to prove: scripts/test-skeleton-services.sh runs it.
  });
});

describe('mcp', () => {
  let modules: Record<string, PythonModule>;
  beforeAll(() => {
    modules = describePython(repo, [
      'mcp/todo_mcp/server.py',
      'mcp/todo_mcp/backend.py',
    ]);
  });

  it('exposes the todo operations as MCP tools and answers the health probe', () => {
    const server = modules['mcp/todo_mcp/server.py'];
    expect(
      server.decorators
        .filter(d => d.call === 'server.tool')
        .map(d => d.function),
    ).toEqual([
      'list_todos',
      'add_todo',
      'complete_todo',
      'rename_todo',
      'delete_todo',
    ]);
    expect(server.decorators).toContainEqual(
      expect.objectContaining({
        call: 'server.custom_route',
        args: [APP_PROBE_PATHS.mcp.liveness],
        kwargs: expect.objectContaining({ methods: ['GET'] }),
      }),
    );
    expect(server.names).toContain('app');
    // Streamable HTTP, stateless so any replica can answer.
    expect(read('mcp/todo_mcp/server.py')).toMatch(
      /streamable_http_app\(\s*stateless_http=True/,
    );
  });

  it('calls the backend API for every tool', () => {
    const backend = read('mcp/todo_mcp/backend.py');
    for (const request of [
      '"GET", "/api/todos"',
      '"POST", "/api/todos"',
      '"PATCH", f"/api/todos/{todo_id}"',
      '"DELETE", f"/api/todos/{todo_id}"',
    ]) {
      expect(backend).toContain(`self._request(${request}`);
    }
  });
});

describe('frontend (Next.js)', () => {
  function sourceOf(file: string) {
    return ts.createSourceFile(
      file,
      read(file),
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
  }

  it('has no syntax errors in any TypeScript file', () => {
    for (const file of filesUnder('frontend', /\.tsx?$/)) {
      const { diagnostics } = ts.transpileModule(read(file), {
        fileName: file,
        reportDiagnostics: true,
        compilerOptions: {
          jsx: ts.JsxEmit.ReactJSX,
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
        },
      });
      expect({
        file,
        errors: (diagnostics ?? []).map(d =>
          ts.flattenDiagnosticMessageText(d.messageText, '\n'),
        ),
      }).toEqual({
        file,
        errors: [],
      });
    }
  });

  it('builds standalone output, which the image runs', () => {
    const properties: Record<string, string> = {};
    const visit = (node: ts.Node) => {
      if (
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        ts.isStringLiteral(node.initializer)
      ) {
        properties[node.name.text] = node.initializer.text;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceOf('frontend/next.config.ts'));
    expect(properties.output).toBe('standalone');
  });

  it('answers its probe path with an app-router route handler', () => {
    const probe = APP_PROBE_PATHS.frontend.liveness;
    const file = `frontend/app${probe}/route.ts`;
    expect(files).toContain(file);
    const exported = sourceOf(file).statements.filter(
      (s): s is ts.FunctionDeclaration =>
        ts.isFunctionDeclaration(s) &&
        !!s.modifiers?.some(m => m.kind === ts.SyntaxKind.ExportKeyword),
    );
    expect(exported.map(f => f.name?.text)).toEqual(['GET']);
  });

  it('proxies every other /api path to BACKEND_URL, read per request, instead of build-time rewrites', () => {
    const file = 'frontend/app/api/[...path]/route.ts';
    expect(files).toContain(file);
    const source = sourceOf(file);
    const handlers = source.statements.filter(
      (s): s is ts.FunctionDeclaration =>
        ts.isFunctionDeclaration(s) &&
        !!s.modifiers?.some(m => m.kind === ts.SyntaxKind.ExportKeyword),
    );
    expect(handlers.map(f => f.name?.text)).toEqual([
      'GET',
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
    ]);
    // Inside each handler, so the value of the running process counts.
    for (const handler of handlers) {
      expect(handler.body?.getText(source)).toContain(
        'process.env.BACKEND_URL',
      );
    }
    // Next.js fixes rewrites when it builds, so the image must carry none.
    expect(read('frontend/next.config.ts')).not.toMatch(/\brewrites\s*\(/);
  });

  it('shows a todo page that calls /api/todos', () => {
    expect(read('frontend/app/page.tsx')).toContain('<TodoApp />');
    expect(read('frontend/app/todo-app.tsx')).toMatch(/^'use client';/);
    expect(read('frontend/lib/todos.ts')).toContain("base = '/api/todos'");
  });

  it('pins its dependencies, and its lockfile agrees', () => {
    const pkg = JSON.parse(read('frontend/package.json'));
    const lock = JSON.parse(read('frontend/package-lock.json'));
    expect(pkg.scripts).toMatchObject({
      build: 'next build',
      test: expect.stringContaining('node --test'),
    });
    expect(lock.lockfileVersion).toBe(3);
    expect(lock.packages[''].dependencies).toEqual(pkg.dependencies);
    expect(lock.packages[''].devDependencies).toEqual(pkg.devDependencies);
    for (const [name, version] of Object.entries({
      ...pkg.dependencies,
      ...pkg.devDependencies,
    })) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lock.packages[`node_modules/${name}`]?.version).toBe(version);
    }
  });

  it("passes its own unit tests (node --test, with Node's type stripping), the /api proxy's among them", () => {
    const result = spawnSync(
      process.execPath,
      ['--test', 'lib/todos.test.ts', 'lib/backend-proxy.test.ts'],
      {
        cwd: path.join(repo, 'frontend'),
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect({
      status: result.status,
      output: result.stdout.match(/^# (pass|fail) \d+$/gm),
    }).toEqual({
      status: 0,
      output: ['# pass 13', '# fail 0'],
    });
  });
});
