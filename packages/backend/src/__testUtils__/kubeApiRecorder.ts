import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import YAML from 'yaml';

export interface RecordedKubeRequest {
  method: string;
  path: string;
  authorization?: string;
}

/**
 * A Kubernetes API server reduced to what the permission tests need: core/v1
 * discovery, ConfigMaps (read: 404 until applied; server-side apply stores and
 * returns the object) and a service proxy path answering /health. Every
 * request is recorded, so a test can show that a refused user reached nothing.
 */
export class KubeApiRecorder {
  readonly requests: RecordedKubeRequest[] = [];
  private readonly objects = new Map<string, unknown>();

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<KubeApiRecorder> {
    const server = createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const recorder = new KubeApiRecorder(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', recorder.url).pathname;
        recorder.requests.push({
          method: req.method ?? 'GET',
          path,
          authorization: req.headers.authorization,
        });
        const { status, body } = recorder.answer(
          req.method ?? 'GET',
          path,
          Buffer.concat(chunks).toString('utf8'),
        );
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    return recorder;
  }

  private answer(
    method: string,
    path: string,
    body: string,
  ): { status: number; body: unknown } {
    if (method === 'GET' && path === '/api/v1') {
      return {
        status: 200,
        body: {
          kind: 'APIResourceList',
          groupVersion: 'v1',
          resources: [
            {
              name: 'configmaps',
              namespaced: true,
              kind: 'ConfigMap',
              verbs: ['get', 'patch', 'create'],
            },
          ],
        },
      };
    }
    if (/\/services\/[^/]+\/proxy\/health$/.test(path)) {
      return { status: 200, body: { status: 'ok' } };
    }
    if (path.includes('/configmaps/')) {
      if (method === 'PATCH') {
        // Server-side apply sends YAML (JSON is YAML too).
        const sent = YAML.parse(body);
        const object = {
          ...sent,
          metadata: { ...sent.metadata, resourceVersion: '1' },
        };
        this.objects.set(path, object);
        return { status: 201, body: object };
      }
      const stored = this.objects.get(path);
      if (stored) return { status: 200, body: stored };
    }
    return {
      status: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
      },
    };
  }

  close(): Promise<void> {
    return new Promise(resolve => this.server.close(() => resolve()));
  }
}
