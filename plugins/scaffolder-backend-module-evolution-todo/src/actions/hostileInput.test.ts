/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectRejected"] }] */
import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAction } from '../__testUtils__/runAction';
import { listFiles } from '../render/files';
import { createRenderChartAction } from './renderChart';
import { createRenderManifestsAction } from './renderManifests';

/**
 * Hostile or broken input never reaches a renderer: the action fails with the
 * field and the rule, before any file is written.
 */
const actions = [createRenderChartAction(), createRenderManifestsAction()];
// The workspace sits alone in a fresh folder, so an escape would show up beside it.
let parent: string;
let workspace: string;

beforeAll(() => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-hostile-'));
  workspace = path.join(parent, 'workspace');
  fs.mkdirSync(workspace);
});
afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

async function expectRejected(
  input: Record<string, unknown>,
  field: string,
  rule: string,
) {
  for (const action of actions) {
    const error = await runAction(action, input, {
      workspacePath: workspace,
    }).then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('nothing was written');
    expect(error.message).toMatch(
      new RegExp(`^  - ${field.replace(/[.[\]]/g, '\\$&')}: .*${rule}`, 'm'),
    );
    expect(listFiles(parent)).toEqual([]);
  }
}

const ok = { name: 'todo' };

describe('hostile input is rejected by field, with nothing written', () => {
  it.each([
    [
      'path traversal',
      { parameters: ok, targetPath: '../x' },
      'targetPath',
      'inside the workspace',
    ],
    [
      'nested traversal',
      { parameters: ok, targetPath: 'a/../../x' },
      'targetPath',
      'inside the workspace',
    ],
    [
      'Helm template in description',
      { parameters: { ...ok, description: '{{ .Values.secret }}' } },
      'description',
      'template delimiters',
    ],
    [
      'scaffolder template in description',
      { parameters: { ...ok, description: '${{ secrets.token }}' } },
      'description',
      'template delimiters',
    ],
    [
      'template in host',
      {
        parameters: {
          ...ok,
          ingress: { host: '{{.Release.Name}}.example.com' },
        },
      },
      'ingress.host',
      'DNS name',
    ],
    [
      'YAML after a newline',
      { parameters: { ...ok, description: 'ok\nkind: Secret' } },
      'description',
      'single line',
    ],
    [
      'YAML in the host',
      { parameters: { ...ok, ingress: { host: 'a.com\n  tls: []' } } },
      'ingress.host',
      'DNS name',
    ],
    [
      'control characters',
      { parameters: { ...ok, description: 'bell\u0007' } },
      'description',
      'control characters',
    ],
    [
      'oversize description',
      { parameters: { ...ok, description: 'x'.repeat(501) } },
      'description',
      'at most 500',
    ],
    [
      'oversize name',
      { parameters: { name: 'a'.repeat(41) } },
      'name',
      'at most 40',
    ],
    [
      'oversize replicas',
      { parameters: { ...ok, frontend: { replicas: 1000 } } },
      'frontend.replicas',
      'at most 50',
    ],
    [
      'oversize tag',
      { parameters: { ...ok, imageTag: 'v'.repeat(129) } },
      'imageTag',
      'Docker tag',
    ],
    [
      'min > max',
      {
        parameters: {
          ...ok,
          mcp: { autoscaling: { minReplicas: 6, maxReplicas: 2 } },
        },
      },
      'mcp.autoscaling.minReplicas',
      'must not exceed maxReplicas',
    ],
    [
      'request > limit',
      {
        parameters: {
          ...ok,
          backend: {
            resources: {
              requests: { memory: '2Gi' },
              limits: { memory: '1Gi' },
            },
          },
        },
      },
      'backend.resources.requests.memory',
      'must not exceed limits.memory',
    ],
    [
      'unknown top-level key',
      { parameters: { ...ok, replicas: 3 } },
      'replicas',
      'not a known parameter',
    ],
    [
      'unknown nested key',
      { parameters: { ...ok, ingress: { annotations: { a: 'b' } } } },
      'ingress.annotations',
      'not a known parameter',
    ],
    [
      'prototype pollution',
      { parameters: JSON.parse('{"name":"todo","__proto__":{"admin":true}}') },
      '__proto__',
      'not a known parameter',
    ],
    [
      'wrong type',
      { parameters: { ...ok, redis: { enabled: 'yes' } } },
      'redis.enabled',
      'boolean',
    ],
    [
      'latest tag',
      { parameters: { ...ok, imageTag: 'latest' } },
      'imageTag',
      'not "latest"',
    ],
  ])('%s', async (_label, input, field, rule) => {
    await expectRejected(input, field, rule);
  });

  it('rejects an absolute targetPath, even one that exists', async () => {
    await expectRejected(
      { parameters: ok, targetPath: parent },
      'targetPath',
      'inside the workspace',
    );
    await expectRejected(
      { parameters: ok, targetPath: path.join(parent, 'elsewhere') },
      'targetPath',
      'inside the workspace',
    );
  });

  it('rejects any template delimiter or line break anywhere in free text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('{{', '}}', '${{', '{%', '%}', '\n', '\r', '\u2028'),
        fc.string({ maxLength: 40 }),
        async (before, hostile, after) => {
          await expectRejected(
            {
              parameters: { ...ok, description: `${before}${hostile}${after}` },
            },
            'description',
            '',
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rejects any targetPath that leaves the workspace', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'b', '.'), { maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        async (inside, ups) => {
          const targetPath = [
            ...inside,
            ...Array(inside.filter(s => s !== '.').length + ups).fill('..'),
            'x',
          ].join('/');
          await expectRejected(
            { parameters: ok, targetPath },
            'targetPath',
            'inside the workspace',
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
