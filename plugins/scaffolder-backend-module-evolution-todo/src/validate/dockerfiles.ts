import {
  COMPONENT_PORTS,
  isAppComponent,
} from '@evolution-todo/plugin-evolution-todo-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  checkDockerfile,
  DOCKERFILE_RULES,
  type DockerfileExpectations,
  type DockerfileRule,
} from '../render/docker/policy';
import { DOCKER_FOLDER } from '../render/docker/templates';
import { RUN_AS_ID } from '../render/conventions/workloads';
import { findFiles } from './load';
import type { Finding } from './types';

/** Dockerfile rules read apart from the Kubernetes rules in the one findings table. */
export const dockerfileRuleId = (rule: DockerfileRule) => `dockerfile/${rule}`;

/** The Dockerfile checklist, as the report's legend lists it. */
export const DOCKERFILE_CHECKLIST = Object.entries(DOCKERFILE_RULES).map(
  ([rule, description]) => ({
    id: dockerfileRuleId(rule as DockerfileRule),
    severity: 'error' as const,
    description,
  }),
);

/** `Dockerfile`, `Dockerfile.<variant>` and `<variant>.Dockerfile`; not the `Dockerfile.dockerignore` beside it. */
export function isDockerfile(name: string): boolean {
  return (
    name === 'Dockerfile' ||
    name.endsWith('.Dockerfile') ||
    (name.startsWith('Dockerfile.') && !name.endsWith('.dockerignore'))
  );
}

/**
 * What an app image's Dockerfile (docker/<component>/Dockerfile, where the
 * render:docker action writes it) must also agree on with the chart: the port
 * its Service and probes use, and the user its securityContext runs as. Other
 * Dockerfiles get the general rules only.
 */
export function dockerfileExpectations(file: string): DockerfileExpectations {
  const [folder, component, name] = file.split('/').slice(-3);
  if (folder === DOCKER_FOLDER && isAppComponent(component) && name) {
    return { port: COMPONENT_PORTS[component], uid: RUN_AS_ID };
  }
  return {};
}

/** Every Dockerfile under root against the image checklist; one finding per broken rule, by file and line. */
export async function validateDockerfiles(
  root: string,
): Promise<{ files: string[]; findings: Finding[] }> {
  const files = await findFiles(root, isDockerfile);
  const findings = await Promise.all(
    files.map(async file => {
      const content = await fs.readFile(path.join(root, file), 'utf8');
      return checkDockerfile(content, dockerfileExpectations(file)).map(
        (finding): Finding => ({
          rule: dockerfileRuleId(finding.rule),
          severity: 'error',
          object: '',
          file,
          field: `line ${finding.line}`,
          problem: finding.message,
          message: `${file}:${finding.line}: ${finding.message}`,
        }),
      );
    }),
  );
  return { files, findings: findings.flat() };
}
