import fs from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { isRecord } from './objects';
import type { LoadedObject, ManifestObject } from './types';

/** A file that could not be parsed, with the parser's first complaint. */
export interface LoadProblem {
  file: string;
  problem: string;
}

export interface LoadedManifests {
  objects: LoadedObject[];
  problems: LoadProblem[];
}

const YAML_FILE = /\.ya?ml$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * Every file under root whose name `accept`s, relative and sorted. Helm
 * charts' templates/ and charts/ are skipped: they are Go templates, not YAML,
 * and the chart's objects are validated as k8s/, which a test proves equal to
 * `helm template`. Symbolic links are not followed, so nothing outside root is
 * read.
 */
export async function findFiles(
  root: string,
  accept: (name: string) => boolean,
): Promise<string[]> {
  const walk = async (relative: string): Promise<string[]> => {
    const entries = await fs.readdir(path.join(root, relative), {
      withFileTypes: true,
    });
    const isChart = entries.some(e => e.isFile() && e.name === 'Chart.yaml');
    const nested = await Promise.all(
      entries.map(async entry => {
        const child = relative
          ? path.posix.join(relative, entry.name)
          : entry.name;
        if (entry.isDirectory()) {
          const skip =
            SKIPPED_DIRECTORIES.has(entry.name) ||
            (isChart &&
              (entry.name === 'templates' || entry.name === 'charts'));
          return skip ? [] : walk(child);
        }
        return entry.isFile() && accept(entry.name) ? [child] : [];
      }),
    );
    return nested.flat();
  };
  return (await walk('')).sort();
}

/** Every YAML file under root, relative and sorted (see findFiles for what is skipped). */
export function findYamlFiles(root: string): Promise<string[]> {
  return findFiles(root, name => YAML_FILE.test(name));
}

/** Backstage entities (catalog-info.yaml, templates) share the apiVersion/kind shape but are not Kubernetes objects. */
const NOT_KUBERNETES = /(^|\.)backstage\.io\//;

export function isKubernetesObject(value: unknown): value is ManifestObject {
  return (
    isRecord(value) &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    !NOT_KUBERNETES.test(value.apiVersion)
  );
}

/** The Kubernetes objects of one YAML stream; other documents (values files, config) are ignored. */
export function parseManifest(
  file: string,
  text: string,
): { objects: LoadedObject[]; problem?: string } {
  // Without prettyErrors the parser keeps no line index: parsing is the bulk of
  // validation, and only a broken file needs positions, so only it is parsed again.
  const documents = YAML.parseAllDocuments(text, { prettyErrors: false });
  if (documents.some(doc => doc.errors.length > 0)) {
    const broken = YAML.parseAllDocuments(text).find(
      doc => doc.errors.length > 0,
    )!;
    const error = broken.errors[0];
    const line = error.linePos?.[0]?.line;
    return {
      objects: [],
      problem: `invalid YAML${line ? ` at line ${line}` : ''}: ${
        error.message.split('\n')[0]
      }`,
    };
  }
  const objects = documents.flatMap((doc, document) => {
    const value = doc.toJS();
    return isKubernetesObject(value) ? [{ object: value, file, document }] : [];
  });
  return { objects };
}

/** Reads and parses every YAML file under root. */
export async function loadManifests(root: string): Promise<LoadedManifests> {
  const files = await findYamlFiles(root);
  const parsed = await Promise.all(
    files.map(async file => ({
      file,
      ...parseManifest(file, await fs.readFile(path.join(root, file), 'utf8')),
    })),
  );
  return {
    objects: parsed.flatMap(p => p.objects),
    problems: parsed.flatMap(p =>
      p.problem ? [{ file: p.file, problem: p.problem }] : [],
    ),
  };
}
