import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { underFolder, type RenderedFile } from '../render/files';
import {
  renderManifestExtras,
  renderManifests,
  type KubernetesObject,
  type PlacedObject,
} from '../render/manifests';
import { toYamlStream } from '../render/yaml';
import {
  deploymentInputSchema,
  describeSpec,
  parseDeploymentInput,
  workspaceRelative,
  writeToWorkspace,
} from './deploymentInput';
import { examples } from './renderManifests.examples';

export const RENDER_MANIFESTS_ACTION_ID = 'evolution-todo:render:manifests';

/** Where the raw manifests go in the generated repository, relative to targetPath. */
export const MANIFESTS_FOLDER = 'k8s';

const HEADER = `# Rendered by the evolution-todo golden path. The same objects as
# \`helm template\` of helm/evolution-todo with its values.yaml.
`;

/**
 * The k8s/ files of rendered objects: each renderer places its objects in a file; the
 * objects of one file form one YAML stream, in render order.
 */
export function manifestFiles(placed: readonly PlacedObject[]): RenderedFile[] {
  const byFile = new Map<string, KubernetesObject[]>();
  for (const { file, object } of placed) {
    byFile.set(file, [...(byFile.get(file) ?? []), object]);
  }
  return underFolder(
    MANIFESTS_FOLDER,
    [...byFile].map(([file, objects]) => ({
      path: file,
      content: HEADER + toYamlStream(objects),
    })),
  );
}

/** Writes the raw Kubernetes manifests (k8s/) of the evolution-todo stack. */
export function createRenderManifestsAction() {
  return createTemplateAction({
    id: RENDER_MANIFESTS_ACTION_ID,
    description: `Renders the evolution-todo Kubernetes manifests into ${MANIFESTS_FOLDER}/ from the template's parameters: the objects the chart renders with its values.yaml.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: deploymentInputSchema,
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Written files, relative to the workspace'),
        manifestsPath: z =>
          z
            .string()
            .describe('The manifests folder, relative to the workspace'),
        objects: z =>
          z.number().describe('How many Kubernetes objects were written'),
      },
    },
    async handler(ctx) {
      const { spec, targetDir } = parseDeploymentInput(
        RENDER_MANIFESTS_ACTION_ID,
        ctx.workspacePath,
        ctx.input,
      );
      const placed = renderManifests(spec);
      const files = await writeToWorkspace(ctx.workspacePath, targetDir, [
        ...manifestFiles(placed),
        // Files that are not applied objects, e.g. secrets/db-secret.yaml.example.
        ...underFolder(MANIFESTS_FOLDER, renderManifestExtras(spec)),
      ]);
      const manifestsPath = workspaceRelative(
        ctx.workspacePath,
        path.join(targetDir, MANIFESTS_FOLDER),
      );
      ctx.logger.info(
        `Rendered ${placed.length} objects in ${
          files.length
        } files into ${manifestsPath}: ${describeSpec(spec)}`,
      );
      ctx.output('files', files);
      ctx.output('manifestsPath', manifestsPath);
      ctx.output('objects', placed.length);
    },
  });
}
