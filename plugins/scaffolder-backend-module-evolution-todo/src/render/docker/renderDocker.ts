import {
  APP_COMPONENTS,
  COMPONENT_PORTS,
  componentName,
  type AppComponent,
  type DeploymentSpec,
} from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs';
import path from 'node:path';
import type { RenderedFile } from '../files';
import { RUN_AS_ID } from '../conventions/workloads';
import { fillPlaceholders } from './placeholders';
import { pythonServiceValues } from './pythonServices';
import { DEFAULT_RUNTIMES, RUNTIME_IMAGES, type Runtimes } from './runtimes';
import {
  DOCKER_TEMPLATE_FILES,
  dockerTemplatesDir,
  IMAGE_TEMPLATE_FOLDER,
} from './templates';

/**
 * The placeholder values of one app image. Ports come from COMPONENT_PORTS and
 * the user from RUN_AS_ID, the same constants the chart's probes, Services and
 * securityContext use; a Python service adds its module and command.
 */
export function dockerPlaceholderValues(
  spec: DeploymentSpec,
  component: AppComponent,
  runtimes: Runtimes = DEFAULT_RUNTIMES,
): Record<string, string> {
  return {
    NODE_IMAGE: RUNTIME_IMAGES.node[runtimes.node],
    PYTHON_IMAGE: RUNTIME_IMAGES.python[runtimes.python],
    PORT: String(COMPONENT_PORTS[component]),
    UID: String(RUN_AS_ID),
    IMAGE_TITLE: componentName(spec.name, component),
    COMPONENT: component,
    ...(component === 'frontend' ? {} : pythonServiceValues(component)),
  };
}

const templates = new Map<string, string>();

/**
 * A template's text, read once per process: the templates ship with this
 * package, and synchronous reads on every render block the portal's event loop.
 */
function readTemplate(file: string): string {
  let text = templates.get(file);
  if (text === undefined) {
    text = fs.readFileSync(file, 'utf8');
    templates.set(file, text);
  }
  return text;
}

/**
 * Dockerfile and ignore file of every app image, as paths relative to the
 * generated repository's docker/ folder (`frontend/Dockerfile`, ...).
 */
export function renderDockerfiles(
  spec: DeploymentSpec,
  runtimes: Runtimes = DEFAULT_RUNTIMES,
  templatesDir: string = dockerTemplatesDir(),
): RenderedFile[] {
  return APP_COMPONENTS.flatMap(component => {
    const values = dockerPlaceholderValues(spec, component, runtimes);
    return DOCKER_TEMPLATE_FILES.map(file => {
      const relative = path.posix.join(component, file);
      const templatePath = path.posix.join(
        IMAGE_TEMPLATE_FOLDER[component],
        file,
      );
      const template = readTemplate(path.join(templatesDir, templatePath));
      return {
        path: relative,
        content: fillPlaceholders(template, values, `docker/${templatePath}`),
      };
    });
  });
}
