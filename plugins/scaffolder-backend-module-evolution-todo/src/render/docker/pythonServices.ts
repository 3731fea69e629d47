import type { AppComponent } from '@evolution-todo/plugin-evolution-todo-common';

/**
 * The backend and the MCP server are built from one template,
 * docker/python/Dockerfile: only the package they ship, the ASGI app uvicorn
 * serves and the words of their comments differ.
 */
export interface PythonService {
  /** The Python package copied into the image and compiled ahead. */
  module: string;
  /** `<module>:<attribute>` of the ASGI app uvicorn serves. */
  asgiApp: string;
  /** What the image is, the first lines of its header comment. */
  about: string;
  /** Why there is no HEALTHCHECK: the probes this service answers. */
  healthcheck: string;
  /** What the runtime stage copies besides the virtualenv. */
  contents: string;
}

export type PythonComponent = Extract<AppComponent, 'backend' | 'mcp'>;

export const PYTHON_SERVICES: Record<PythonComponent, PythonService> = {
  backend: {
    module: 'app',
    asgiApp: 'app.main:app',
    about: 'Backend image: FastAPI served by uvicorn on Python (Debian slim).',
    healthcheck: [
      'No HEALTHCHECK: Kubernetes ignores it and probes /health (liveness) and',
      '/readiness (database and Redis) itself; a Docker HEALTHCHECK would only spend',
      'CPU in every pod.',
    ].join('\n'),
    contents: 'application',
  },
  mcp: {
    module: 'todo_mcp',
    asgiApp: 'todo_mcp.server:app',
    about: [
      'MCP server image: the todo tools over MCP streamable HTTP, Python (Debian slim),',
      'the same base as the backend so both share layers and patch cadence.',
    ].join('\n'),
    healthcheck: [
      'No HEALTHCHECK: Kubernetes ignores it and probes /health itself; a Docker',
      'HEALTHCHECK would only spend CPU in every pod.',
    ].join('\n'),
    contents: 'server',
  },
};

/** The placeholder values of a Python service's image (docker/python/). */
export function pythonServiceValues(
  component: PythonComponent,
): Record<string, string> {
  const service = PYTHON_SERVICES[component];
  return {
    MODULE: service.module,
    ASGI_APP: service.asgiApp,
    ABOUT_COMMENT: service.about,
    HEALTHCHECK_COMMENT: service.healthcheck,
    CONTENTS_COMMENT: service.contents,
  };
}
