import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { RenderedFile } from '../render/files';
import {
  renderManifestExtras,
  renderManifests,
  type KubernetesObject,
  type PlacedObject,
} from '../render/manifests';
import { toYamlStream } from '../render/yaml';
import {
  describeSpec,
  renderInputSchema,
  renderToWorkspace,
  writtenFilesOutput,
} from './renderActionInput';
import { examples } from './renderManifests.examples';

export const RENDER_MANIFESTS_ACTION_ID = 'evolution-todo:render:manifests';

/** Where the raw manifests go in the generated repository, relative to targetPath. */
export const MANIFESTS_FOLDER = 'k8s';

const HEADER = `# Rendered by the evolution-todo golden path. The same objects as
# \`helm template\` of helm/evolution-todo with its values.yaml: change the chart or
# values.yaml and run scripts/render-k8s.sh rather than editing this file.
`;

/**
 * The k8s/ files of rendered objects (paths relative to k8s/): each renderer
 * places its objects in a file; the objects of one file form one YAML stream,
 * in render order.
 */
export function manifestFiles(placed: readonly PlacedObject[]): RenderedFile[] {
  const byFile = new Map<string, KubernetesObject[]>();
  for (const { file, object } of placed) {
    byFile.set(file, [...(byFile.get(file) ?? []), object]);
  }
  return [...byFile].map(([file, objects]) => ({
    path: file,
    content: HEADER + toYamlStream(objects),
  }));
}

/** Writes the raw Kubernetes manifests (k8s/) of the evolution-todo stack. */
export function createRenderManifestsAction() {
  return createTemplateAction({
    id: RENDER_MANIFESTS_ACTION_ID,
    description: `Renders the evolution-todo Kubernetes manifests into ${MANIFESTS_FOLDER}/ from the template's parameters: the objects the chart renders with its values.yaml.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: renderInputSchema,
      output: {
        ...writtenFilesOutput,
        manifestsPath: z =>
          z
            .string()
            .describe('The manifests folder, relative to the workspace'),
        objects: z =>
          z.number().describe('How many Kubernetes objects were written'),
      },
    },
    async handler(ctx) {
      let objects = 0;
      const {
        spec,
        files,
        folderPath: manifestsPath,
      } = await renderToWorkspace(
        RENDER_MANIFESTS_ACTION_ID,
        ctx,
        MANIFESTS_FOLDER,
        parsed => {
          const placed = renderManifests(parsed);
          objects = placed.length;
          // Extras are files that are not applied objects, e.g. secrets/db-secret.yaml.example.
          return [...manifestFiles(placed), ...renderManifestExtras(parsed)];
        },
      );
      ctx.logger.info(
        `Rendered ${objects} objects in ${
          files.length
        } files into ${manifestsPath}: ${describeSpec(spec)}`,
      );
      ctx.output('files', files);
      ctx.output('manifestsPath', manifestsPath);
      ctx.output('objects', objects);
    },
  });
}
