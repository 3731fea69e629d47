import {
  APP_COMPONENTS,
  COMPONENT_PORTS,
  parseDeploymentParameters,
  type AppComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import fs from 'node:fs';
import path from 'node:path';
import { NEXT_CACHE_DIR, RUN_AS_ID } from '../conventions/workloads';
import { fillPlaceholders, placeholdersOf } from './placeholders';
import { checkDockerfile } from './policy';
import { renderDockerfiles } from './renderDocker';
import {
  NODE_VERSIONS,
  PYTHON_VERSIONS,
  RUNTIME_IMAGES,
  type Runtimes,
} from './runtimes';
import { PYTHON_SERVICES } from './pythonServices';
import {
  DOCKER_TEMPLATE_FILES,
  IMAGE_RUNTIME,
  IMAGE_TEMPLATE_FOLDER,
  dockerTemplatesDir,
} from './templates';

const spec = parseDeploymentParameters({ name: 'shop' });

function rendered(runtimes?: Runtimes) {
  return new Map(
    renderDockerfiles(spec, runtimes).map(f => [f.path, f.content]),
  );
}

function dockerfileOf(files: Map<string, string>, component: AppComponent) {
  return DockerfileParser.parse(files.get(`${component}/Dockerfile`)!);
}

/** The instructions of the last build stage. */
function finalStage(instructions: Instruction[]): Instruction[] {
  const lastFrom = instructions.map(i => i.getKeyword()).lastIndexOf('FROM');
  return instructions.slice(lastFrom);
}

/** ENV key=value pairs of a stage. */
function envOf(stage: Instruction[]): Record<string, string> {
  return Object.fromEntries(
    stage
      .filter(i => i.getKeyword() === 'ENV')
      .flatMap(i =>
        i.getArguments().map(a => a.getValue().split('=') as [string, string]),
      ),
  );
}

describe('renderDockerfiles', () => {
  it('renders a Dockerfile and its ignore file for every app image', () => {
    expect([...rendered().keys()].sort()).toEqual(
      APP_COMPONENTS.flatMap(c =>
        DOCKER_TEMPLATE_FILES.map(f => `${c}/${f}`),
      ).sort(),
    );
  });

  it('uses every template in docker/ and nothing else: the Python services share one', () => {
    const dir = dockerTemplatesDir();
    const templates = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .flatMap(entry =>
        fs
          .readdirSync(path.join(dir, entry.name))
          .map(f => `${entry.name}/${f}`),
      );
    const used = APP_COMPONENTS.flatMap(component =>
      DOCKER_TEMPLATE_FILES.map(
        f => `${IMAGE_TEMPLATE_FOLDER[component]}/${f}`,
      ),
    );
    expect(templates.sort()).toEqual([...new Set(used)].sort());
    expect(IMAGE_TEMPLATE_FOLDER.backend).toBe(IMAGE_TEMPLATE_FOLDER.mcp);
  });

  it.each(Object.entries(PYTHON_SERVICES))(
    '%s: the shared Python template copies, compiles and serves its own package',
    (component, service) => {
      const instructions = dockerfileOf(
        rendered(),
        component as AppComponent,
      ).getInstructions();
      expect(instructions.map(String)).toEqual(
        expect.arrayContaining([
          `COPY ${service.module} ./${service.module}`,
          `RUN python -m compileall -q ${service.module}`,
          `COPY --from=build /src/${service.module} ./${service.module}`,
        ]),
      );
      const cmd = instructions.find(i => i.getKeyword() === 'CMD')!;
      expect(JSON.parse(cmd.getArgumentsContent()!)).toEqual(
        expect.arrayContaining(['uvicorn', service.asgiApp]),
      );
      expect(rendered().get(`${component}/Dockerfile.dockerignore`)).toMatch(
        new RegExp(
          `^# Build-context filter for docker/${component}/Dockerfile \\(context: ${component}/\\)\\.$`,
          'm',
        ),
      );
    },
  );

  it.each(APP_COMPONENTS)(
    '%s: follows every image rule, with the port and user of the chart',
    component => {
      const content = rendered().get(`${component}/Dockerfile`)!;
      expect(content).not.toContain('@@');
      expect(
        checkDockerfile(content, {
          port: COMPONENT_PORTS[component],
          uid: RUN_AS_ID,
        }),
      ).toEqual([]);
    },
  );

  it.each<[Runtimes]>([
    [{ node: '24', python: '3.13' }],
    [{ node: '22', python: '3.12' }],
  ])('builds every stage on the chosen runtime %j', runtimes => {
    const files = rendered(runtimes);
    for (const component of APP_COMPONENTS) {
      const base =
        IMAGE_RUNTIME[component] === 'node'
          ? RUNTIME_IMAGES.node[runtimes.node]
          : RUNTIME_IMAGES.python[runtimes.python];
      const images = dockerfileOf(files, component)
        .getFROMs()
        .map(from => from.getImage());
      expect(images.length).toBeGreaterThanOrEqual(2);
      expect(new Set(images)).toEqual(new Set([base]));
    }
  });

  it('offers every pinned runtime, newest first', () => {
    expect([...NODE_VERSIONS].sort()).toEqual(
      Object.keys(RUNTIME_IMAGES.node).sort(),
    );
    expect([...PYTHON_VERSIONS].sort()).toEqual(
      Object.keys(RUNTIME_IMAGES.python).sort(),
    );
    expect(NODE_VERSIONS[0]).toBe('24');
    expect(PYTHON_VERSIONS[0]).toBe('3.13');
  });

  it('picks Alpine Node.js 24 and slim Python 3.13+ by default', () => {
    const files = rendered();
    expect(dockerfileOf(files, 'frontend').getFROMs()[0].getImage()).toMatch(
      /^node:24\.\d+\.\d+-alpine3\.\d+$/,
    );
    for (const component of ['backend', 'mcp'] as const) {
      expect(dockerfileOf(files, component).getFROMs()[0].getImage()).toMatch(
        /^python:3\.(1[3-9])\.\d+-slim-\w+$/,
      );
    }
  });

  it.each(APP_COMPONENTS)(
    '%s: runs with a read-only root filesystem (HOME on /tmp)',
    component => {
      const env = envOf(
        finalStage(dockerfileOf(rendered(), component).getInstructions()),
      );
      expect(env.HOME).toBe('/tmp');
      expect(env.PORT).toBe(String(COMPONENT_PORTS[component]));
    },
  );

  it.each(['backend', 'mcp'] as const)(
    '%s: copies the virtualenv and writes no bytecode at run time',
    component => {
      const stage = finalStage(
        dockerfileOf(rendered(), component).getInstructions(),
      );
      // Bytecode is compiled in the build stage; Python must not try to write it at run time.
      expect(envOf(stage).PYTHONDONTWRITEBYTECODE).toBe('1');
      expect(stage.map(String)).toContain(
        'COPY --from=build /opt/venv /opt/venv',
      );
    },
  );

  it('runs the Next.js standalone server where the chart mounts its cache volume', () => {
    const stage = finalStage(
      dockerfileOf(rendered(), 'frontend').getInstructions(),
    );
    const workdir = stage
      .filter(i => i.getKeyword() === 'WORKDIR')
      .pop()!
      .getArgumentsContent();
    expect(path.posix.join(workdir!, '.next/cache')).toBe(NEXT_CACHE_DIR);
    expect(stage.map(String)).toEqual(
      expect.arrayContaining([
        'COPY --from=build /app/.next/standalone ./',
        'COPY --from=build /app/.next/static ./.next/static',
        'CMD ["node", "server.js"]',
      ]),
    );
  });

  it.each(APP_COMPONENTS)(
    '%s: leaves health checking to the Kubernetes probes',
    component => {
      // Kubernetes ignores HEALTHCHECK; the chart's startup, readiness and liveness probes do the work.
      expect(dockerfileOf(rendered(), component).getHEALTHCHECKs()).toEqual([]);
    },
  );

  it.each(APP_COMPONENTS)(
    '%s: labels the image with its component name',
    component => {
      expect(rendered().get(`${component}/Dockerfile`)).toContain(
        `org.opencontainers.image.title="shop-${component}"`,
      );
    },
  );

  it.each(APP_COMPONENTS)(
    '%s: keeps secrets, VCS data and local builds out of the build context',
    component => {
      const ignored = rendered()
        .get(`${component}/Dockerfile.dockerignore`)!
        .split('\n')
        .filter(line => line && !line.startsWith('#'));
      expect(ignored).toEqual(
        expect.arrayContaining(['.env', '.env.*', '.git']),
      );
      expect(ignored).toEqual(
        expect.arrayContaining(
          IMAGE_RUNTIME[component] === 'node'
            ? ['**/node_modules', '.next']
            : ['.venv', '**/__pycache__'],
        ),
      );
    },
  );
});

describe('fillPlaceholders', () => {
  it('lists and fills the placeholders of a template', () => {
    expect(placeholdersOf('FROM @@IMAGE@@\nEXPOSE @@PORT@@ @@PORT@@')).toEqual([
      'IMAGE',
      'PORT',
    ]);
    expect(
      fillPlaceholders('EXPOSE @@PORT@@ ${PORT}', { PORT: '8000' }, 'x'),
    ).toBe('EXPOSE 8000 ${PORT}');
  });

  it('names the template and the placeholder it does not know', () => {
    expect(() =>
      fillPlaceholders('FROM @@BASE@@', { PORT: '1' }, 'docker/x/Dockerfile'),
    ).toThrow(
      'docker/x/Dockerfile: unknown placeholder @@BASE@@ (known: @@PORT@@)',
    );
  });

  it('rejects malformed placeholders with their line', () => {
    expect(() =>
      fillPlaceholders('FROM a\nEXPOSE @@port@@', { PORT: '1' }, 'tpl'),
    ).toThrow('tpl:2: malformed placeholder');
  });

  it('fills comment text into comment lines, each further line a comment too', () => {
    expect(
      fillPlaceholders(
        '# @@ABOUT_COMMENT@@\n  # x @@WHAT_COMMENT@@ y\nFROM a',
        { ABOUT_COMMENT: 'One: two.\nThree', WHAT_COMMENT: 'the server' },
        'tpl',
      ),
    ).toBe('# One: two.\n# Three\n  # x the server y\nFROM a');
  });

  it('keeps comment text out of instructions and out of placeholders', () => {
    expect(() =>
      fillPlaceholders('RUN @@ABOUT_COMMENT@@', { ABOUT_COMMENT: 'x' }, 'tpl'),
    ).toThrow(
      'tpl:1: @@ABOUT_COMMENT@@ holds comment text and may only stand in a comment line',
    );
    expect(() =>
      fillPlaceholders(
        '# @@ABOUT_COMMENT@@',
        { ABOUT_COMMENT: 'see @@PORT@@' },
        'tpl',
      ),
    ).toThrow('value of @@ABOUT_COMMENT@@ must be comment text');
  });

  it('rejects values that could break out of their token', () => {
    expect(() =>
      fillPlaceholders(
        'FROM @@IMAGE@@',
        { IMAGE: 'node\nRUN rm -rf /' },
        'tpl',
      ),
    ).toThrow('value of @@IMAGE@@ must be a single token');
  });
});
