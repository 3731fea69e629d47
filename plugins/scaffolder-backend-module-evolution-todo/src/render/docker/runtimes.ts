/**
 * Base images of the app images, pinned to full version tags (Node.js and
 * Python patch release plus the distribution release), so a rebuild months
 * later starts from the same bytes unless someone bumps them here.
 * Node.js 18 and 20 are end-of-life; Python 3.11 is security-fix only.
 */
export const RUNTIME_IMAGES = {
  node: {
    '24': 'node:24.15.0-alpine3.23',
    '22': 'node:22.22.0-alpine3.23',
  },
  python: {
    '3.13': 'python:3.13.12-slim-trixie',
    '3.12': 'python:3.12.12-slim-trixie',
  },
} as const;

export type NodeVersion = keyof typeof RUNTIME_IMAGES.node;
export type PythonVersion = keyof typeof RUNTIME_IMAGES.python;

/** Offered versions, newest first (spelled out: Object.keys would sort "22" before "24"). */
export const NODE_VERSIONS: [NodeVersion, ...NodeVersion[]] = ['24', '22'];
export const PYTHON_VERSIONS: [PythonVersion, ...PythonVersion[]] = [
  '3.13',
  '3.12',
];

/** The runtime major versions the images are built on. */
export interface Runtimes {
  node: NodeVersion;
  python: PythonVersion;
}

export const DEFAULT_RUNTIMES: Runtimes = { node: '24', python: '3.13' };
