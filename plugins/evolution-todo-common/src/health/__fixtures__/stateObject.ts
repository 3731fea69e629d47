/**
 * Test-only: one object of a state fixture (states/*.yaml, as `kubectl get -o
 * yaml` prints it), deep-copied so a test may change it. Jest's YAML transform
 * parses the file.
 */
import path from 'node:path';
import type { KubeObject } from '../kubernetes';

export function stateObject<T extends KubeObject>(
  file: string,
  kind: string,
): T {
  const parsed = require(path.join(__dirname, 'states', file)) as KubeObject & {
    items?: KubeObject[];
  };
  const objects = parsed.kind === 'List' ? parsed.items ?? [] : [parsed];
  const found = objects.find(o => o.kind === kind);
  if (!found) throw new Error(`${file} has no ${kind}`);
  return JSON.parse(JSON.stringify(found)) as T;
}
