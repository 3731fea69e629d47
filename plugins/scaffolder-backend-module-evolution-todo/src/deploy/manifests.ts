import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { posix } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ManifestObject, SourcedObject } from './types';

const MANIFEST_FILE = /\.ya?ml$/;

/**
 * Files that live beside manifests but are not objects for the API server:
 * kustomize's own configuration is read by kustomize, not applied.
 */
const NOT_APPLIED_API_GROUPS = ['kustomize.config.k8s.io/'];

/**
 * Reads every Kubernetes object to apply under `manifestsPath` (relative to
 * the workspace), strictly: the first unreadable file or nameless object is an
 * InputError (the validator's loadManifests instead collects every problem as
 * a finding). All *.yaml and *.yml files in all subfolders, in path order,
 * every document of a multi-document file. Files such as
 * `secrets/db.yaml.example` do not end in .yaml and are never read; hidden
 * files and folders are skipped. Every path goes through resolveSafeChildPath,
 * so neither the input nor a symlink can reach outside the workspace.
 */
export async function readManifestsToApply(
  workspacePath: string,
  manifestsPath: string,
): Promise<SourcedObject[]> {
  const root = resolveSafeChildPath(workspacePath, manifestsPath);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new InputError(
      `Input "manifestsPath": "${manifestsPath}" is not a directory in the workspace; render the manifests first (expected e.g. k8s/deployments/*.yaml)`,
    );
  }

  const objects: SourcedObject[] = [];
  for (const file of await listManifestFiles(workspacePath, manifestsPath)) {
    const text = await fs.readFile(
      resolveSafeChildPath(workspacePath, file),
      'utf8',
    );
    objects.push(...parseManifestsToApply(text, file));
  }
  if (objects.length === 0) {
    throw new InputError(
      `Input "manifestsPath": no Kubernetes objects found in any *.yaml or *.yml file under "${manifestsPath}"`,
    );
  }
  return objects;
}

/** Workspace-relative paths of manifest files under `dir`, sorted, depth first. */
async function listManifestFiles(
  workspacePath: string,
  dir: string,
): Promise<string[]> {
  const entries = await fs.readdir(resolveSafeChildPath(workspacePath, dir), {
    withFileTypes: true,
  });
  const files: string[] = [];
  for (const entry of [...entries].sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.')) continue;
    const path = posix.join(dir, entry.name);
    // stat (not the dirent) so a symlink counts as what it points to; the
    // resolveSafeChildPath call refuses one that points outside the workspace.
    const stat = await fs.stat(resolveSafeChildPath(workspacePath, path));
    if (stat.isDirectory()) {
      files.push(...(await listManifestFiles(workspacePath, path)));
    } else if (stat.isFile() && MANIFEST_FILE.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

/** The objects of one (multi-document) YAML file; `List` kinds are expanded. */
export function parseManifestsToApply(
  text: string,
  file: string,
): SourcedObject[] {
  const objects: SourcedObject[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    const source = `${file}#${index + 1}`;
    if (doc.errors.length > 0) {
      throw new InputError(`${source}: invalid YAML: ${doc.errors[0].message}`);
    }
    const value = doc.toJS();
    if (value === null || value === undefined) return; // an empty document, e.g. after a trailing ---
    const items = isList(value) ? value.items : [value];
    items.forEach((item: unknown, itemIndex: number) => {
      const itemSource = isList(value)
        ? `${source} item ${itemIndex + 1}`
        : source;
      const object = asManifestObject(item, itemSource);
      if (
        !NOT_APPLIED_API_GROUPS.some(group =>
          object.apiVersion.startsWith(group),
        )
      ) {
        objects.push({ object, source: itemSource });
      }
    });
  });
  return objects;
}

function isList(value: unknown): value is { items: unknown[] } {
  const candidate = value as { kind?: unknown; items?: unknown };
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.kind === 'string' &&
    candidate.kind.endsWith('List') &&
    Array.isArray(candidate.items)
  );
}

function asManifestObject(value: unknown, source: string): ManifestObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(
      `${source}: expected a Kubernetes object (a YAML mapping)`,
    );
  }
  const candidate = value as Partial<ManifestObject>;
  const missing = [
    typeof candidate.apiVersion === 'string' && candidate.apiVersion
      ? ''
      : 'apiVersion',
    typeof candidate.kind === 'string' && candidate.kind ? '' : 'kind',
    typeof candidate.metadata?.name === 'string' && candidate.metadata.name
      ? ''
      : 'metadata.name',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new InputError(`${source}: the object has no ${missing.join(', ')}`);
  }
  const namespace = candidate.metadata?.namespace;
  if (namespace !== undefined && typeof namespace !== 'string') {
    throw new InputError(`${source}: metadata.namespace must be a string`);
  }
  return candidate as ManifestObject;
}

/**
 * Refuses two manifests for the same object: the second apply would silently
 * replace the first, and which one wins would depend on file names.
 * Objects without a namespace count as being in `namespace`, where they land.
 */
export function checkUniqueObjects(
  objects: readonly SourcedObject[],
  namespace: string,
) {
  const seen = new Map<string, string>();
  for (const { object, source } of objects) {
    const group = object.apiVersion.includes('/')
      ? object.apiVersion.split('/')[0]
      : '';
    const scope =
      object.kind === 'Namespace' ? '' : object.metadata.namespace ?? namespace;
    const key = `${group}|${object.kind}|${scope}|${object.metadata.name}`;
    const first = seen.get(key);
    if (first) {
      throw new InputError(
        `${object.kind} ${object.metadata.name} is defined twice: in ${first} and in ${source}`,
      );
    }
    seen.set(key, source);
  }
}
