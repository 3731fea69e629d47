import {
  APP_COMPONENTS,
  parseDeploymentParameters,
  type AppComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import {
  DockerfileParser,
  JSONInstruction,
  type Instruction,
} from 'dockerfile-ast';
import fs from 'node:fs';
import path from 'node:path';
import { renderDockerfiles } from '../render/docker';
import { renderManifests } from '../render/manifests';
import {
  renderSkeleton,
  SKELETON_TEST_VERSION,
} from './__testUtils__/renderSkeleton';
import { describePython } from './__testUtils__/pythonSource';
import { skeletonValues } from './values';

/**
 * The Dockerfiles (docker/) and the starter services (skeleton/) meet in the
 * generated repository: every file an image copies from its build context
 * (the service folder) must be there and not filtered out, and every image
 * must start what the service defines. That is as close to "every image builds"
 * as a machine without a Docker engine gets.
 */
const spec = parseDeploymentParameters({ name: 'todo' });
const dockerfiles = new Map(
  renderDockerfiles(spec).map(f => [f.path, f.content]),
);

let repo: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir: repo, cleanup } = await renderSkeleton(
    skeletonValues(spec, SKELETON_TEST_VERSION),
  ));
});
afterAll(() => cleanup?.());

function instructionsOf(component: AppComponent): Instruction[] {
  return DockerfileParser.parse(
    dockerfiles.get(`${component}/Dockerfile`)!,
  ).getInstructions();
}

/** Sources COPY takes from the build context (not from another stage). */
function contextSources(component: AppComponent): string[] {
  return instructionsOf(component)
    .filter(i => i.getKeyword() === 'COPY' && !/--from=/.test(i.toString()))
    .flatMap(i =>
      i
        .getArguments()
        .slice(0, -1)
        .map(a => a.getValue()),
    );
}

const read = (file: string) => fs.readFileSync(path.join(repo, file), 'utf8');

function ignored(component: AppComponent): string[] {
  return dockerfiles
    .get(`${component}/Dockerfile.dockerignore`)!
    .split('\n')
    .filter(line => line && !line.startsWith('#'));
}

const ENTRY_POINTS: Record<AppComponent, string[]> = {
  frontend: ['node', 'server.js'],
  backend: ['uvicorn', 'app.main:app'],
  mcp: ['uvicorn', 'todo_mcp.server:app'],
};

/** What an image's CMD starts, and whether the service defines it. */
function entryPoint(component: AppComponent) {
  const cmd = instructionsOf(component)
    .filter((i): i is JSONInstruction => i.getKeyword() === 'CMD')
    .pop()!;
  const argv = cmd.getJSONStrings().map(s => s.getJSONValue());
  const [program, target] = argv;
  if (program === 'node') {
    // server.js is what the standalone output of `next build` starts.
    return {
      argv: argv.slice(0, 2),
      defined: /output: 'standalone'/.test(read('frontend/next.config.ts')),
    };
  }
  const [moduleName, attribute] = target.split(':');
  const file = `${component}/${moduleName.replace(/\./g, '/')}.py`;
  return {
    argv: argv.slice(0, 2),
    defined: describePython(repo, [file])[file].names.includes(attribute),
  };
}

describe.each(APP_COMPONENTS)('the %s image and its service', component => {
  it('copies only files the service has, none of them filtered out by the ignore file', () => {
    const sources = contextSources(component);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources.filter(s => s !== '.')) {
      expect({
        source,
        exists: fs.existsSync(path.join(repo, component, source)),
      }).toEqual({ source, exists: true });
      const patterns = ignored(component).map(p => p.replace(/^\*\*\//, ''));
      expect({
        source,
        ignoredBy: patterns.filter(
          p => p === source || p === source.split('/')[0],
        ),
      }).toEqual({
        source,
        ignoredBy: [],
      });
    }
  });

  it('writes only where the chart mounts writable volumes', () => {
    const deployment = renderManifests(spec)
      .map(p => p.object as any)
      .find(
        o =>
          o.kind === 'Deployment' &&
          o.metadata.name === `${spec.name}-${component}`,
      );
    const container = deployment.spec.template.spec.containers[0];
    // HOME (and with it every tool's cache) is /tmp; the frontend's Next.js cache has its own volume.
    const home = instructionsOf(component)
      .filter(i => i.getKeyword() === 'ENV')
      .flatMap(i => i.getArguments().map(a => a.getValue()))
      .filter(pair => pair.startsWith('HOME='))
      .pop();
    expect(home).toBe('HOME=/tmp');
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toContain(
      '/tmp',
    );
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  it("keeps the service's tests out of the image", () => {
    const patterns = ignored(component);
    expect(patterns).toEqual(
      expect.arrayContaining(
        component === 'frontend' ? ['**/*.test.ts'] : ['tests'],
      ),
    );
  });

  it('starts what the service defines', () => {
    expect(entryPoint(component)).toEqual({
      argv: ENTRY_POINTS[component],
      defined: true,
    });
  });
});
