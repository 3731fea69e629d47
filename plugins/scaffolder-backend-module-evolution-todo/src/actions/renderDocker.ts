import {
  safeParseDeploymentParameters,
  type ParameterIssue,
} from '@evolution-todo/plugin-evolution-todo-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { z as zod } from 'zod/v3';
import {
  DEFAULT_RUNTIMES,
  DOCKER_FOLDER,
  NODE_VERSIONS,
  PYTHON_VERSIONS,
  RUNTIME_IMAGES,
  renderDockerfiles,
  type Runtimes,
} from '../render/docker';
import { inputError } from './actionInput';
import {
  renderInputSchema,
  renderToWorkspace,
  writtenFilesOutput,
} from './renderActionInput';
import { examples } from './renderDocker.examples';

export const RENDER_DOCKER_ACTION_ID = 'evolution-todo:render:docker';

/** The runtimes input, checked here too: a handler may be called without the scaffolder's schema check. */
function parseRuntimes(input: unknown): {
  runtimes: Runtimes;
  issues: ParameterIssue[];
} {
  const given = (input ?? {}) as Partial<Record<keyof Runtimes, unknown>>;
  const issues: ParameterIssue[] = [];
  const pick = <K extends keyof Runtimes>(
    key: K,
    allowed: readonly string[],
  ): Runtimes[K] => {
    const value = given[key] ?? DEFAULT_RUNTIMES[key];
    if (typeof value !== 'string' || !allowed.includes(value)) {
      issues.push({
        field: `runtimes.${key}`,
        message: `must be one of ${allowed
          .map(v => `"${v}"`)
          .join(', ')} (got ${JSON.stringify(value)})`,
      });
      return DEFAULT_RUNTIMES[key];
    }
    return value as Runtimes[K];
  };
  const runtimes = {
    node: pick('node', NODE_VERSIONS),
    python: pick('python', PYTHON_VERSIONS),
  };
  return { runtimes, issues };
}

/**
 * Writes docker/<frontend|backend|mcp>/Dockerfile and Dockerfile.dockerignore
 * from the templates in this workspace's docker/ folder: base images pinned for
 * the chosen runtimes, ports and user from the shared conventions.
 */
export function createRenderDockerAction() {
  return createTemplateAction({
    id: RENDER_DOCKER_ACTION_ID,
    description: `Renders the Dockerfiles of the frontend, backend and MCP images into ${DOCKER_FOLDER}/ from the template's parameters.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...renderInputSchema,
        runtimes: (z: typeof zod) =>
          z
            .object({
              node: z
                .enum(NODE_VERSIONS)
                .optional()
                .describe(
                  `Node.js major version of the frontend image (default ${DEFAULT_RUNTIMES.node})`,
                ),
              python: z
                .enum(PYTHON_VERSIONS)
                .optional()
                .describe(
                  `Python version of the backend and MCP images (default ${DEFAULT_RUNTIMES.python})`,
                ),
            })
            .strict()
            .optional()
            .describe(
              'Runtime versions the images are built on; each maps to a pinned base image tag.',
            ),
      },
      output: {
        ...writtenFilesOutput,
        baseImages: z =>
          z
            .record(z.string())
            .describe(
              'The pinned base image of each app image (frontend, backend, mcp)',
            ),
      },
    },
    async handler(ctx) {
      const { runtimes, issues } = parseRuntimes(ctx.input.runtimes);
      if (issues.length > 0) {
        const parsed = safeParseDeploymentParameters(ctx.input.parameters);
        throw inputError(RENDER_DOCKER_ACTION_ID, [
          ...issues,
          ...(parsed.success ? [] : parsed.issues),
        ]);
      }
      // Rendering is pure and writes only inside the (dry-run) workspace, so a
      // dry run renders too: the Template Editor then shows the real files.
      const { spec, files } = await renderToWorkspace(
        RENDER_DOCKER_ACTION_ID,
        ctx,
        DOCKER_FOLDER,
        parsed => renderDockerfiles(parsed, runtimes),
      );
      const baseImages = {
        frontend: RUNTIME_IMAGES.node[runtimes.node],
        backend: RUNTIME_IMAGES.python[runtimes.python],
        mcp: RUNTIME_IMAGES.python[runtimes.python],
      };
      ctx.logger.info(
        `Rendered ${files.length} files for the images of ${spec.name}: frontend on ${baseImages.frontend}, backend and mcp on ${baseImages.backend}`,
      );
      ctx.output('files', files);
      ctx.output('baseImages', baseImages);
    },
  });
}
