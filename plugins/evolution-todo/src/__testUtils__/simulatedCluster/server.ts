/**
 * TEST DOUBLE. Serves the simulated cluster's msw handlers over HTTP, so a
 * real Backstage backend can use it as a `config` cluster (see
 * ../app-config.simulated-cluster.yaml). For tests and demos only: real users
 * point the portal at kind, minikube or their own clusters.
 *
 *   yarn workspace @evolution-todo/plugin-evolution-todo simulated-cluster \
 *     [--port 7011] [--release todo] [--namespace todo] [--scenario healthy] [--token simulated-cluster-token]
 *
 * Switch the scenario while it runs:
 *   curl -X PUT -H 'Content-Type: application/json' -d '{"scenario":"failing-readiness"}' \
 *     http://127.0.0.1:7011/__simulated-cluster/scenario
 */
import type { Server } from 'node:http';
import { createServer } from '@mswjs/http-middleware';
import { SimulatedCluster, type SimulatedClusterOptions } from './cluster';
import { CONTROL_PATH, kubernetesApiHandlers } from './kubernetesApiHandlers';
import { SCENARIOS } from './scenarios';

export const DEFAULT_PORT = 7011;
export const DEFAULT_TOKEN = 'simulated-cluster-token';

export interface RunningSimulatedCluster {
  url: string;
  cluster: SimulatedCluster;
  close(): Promise<void>;
}

/** Starts the simulated cluster on 127.0.0.1:<port> (0 picks a free port). */
export function startSimulatedCluster(
  options: SimulatedClusterOptions & { port?: number } = {},
): Promise<RunningSimulatedCluster> {
  const cluster = new SimulatedCluster({ token: DEFAULT_TOKEN, ...options });
  // Relative handler paths: the middleware resolves them against its own origin.
  const app = createServer(...kubernetesApiHandlers(cluster, ''));
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(
      options.port ?? DEFAULT_PORT,
      '127.0.0.1',
      () => {
        const address = server.address();
        const port =
          typeof address === 'object' && address ? address.port : options.port;
        resolve({
          url: `http://127.0.0.1:${port}`,
          cluster,
          close: () => new Promise<void>(done => server.close(() => done())),
        });
      },
    );
    server.on('error', reject);
  });
}

// A command-line tool: it reports on stdout/stderr, not through a logger.
const say = (line: string) => process.stdout.write(`${line}\n`);

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (require.main === module) {
  const scenario = argument('scenario') ?? 'healthy';
  const cluster = new SimulatedCluster();
  cluster.setScenario(scenario); // fails early, listing the known names
  startSimulatedCluster({
    port: Number(
      argument('port') ?? process.env.SIMULATED_CLUSTER_PORT ?? DEFAULT_PORT,
    ),
    release: argument('release'),
    namespace: argument('namespace'),
    scenario: cluster.scenario,
    token: argument('token') ?? DEFAULT_TOKEN,
  }).then(
    ({ url, cluster: running }) => {
      say(
        `simulated Kubernetes cluster (a TEST DOUBLE) on ${url}: release ${running.release} in namespace ${running.namespace}, scenario ${running.scenario}`,
      );
      say(`scenarios: ${Object.keys(SCENARIOS).join(', ')}`);
      say(
        `switch: PUT ${url}${CONTROL_PATH}/scenario {"scenario":"<name>"}; faults: PUT ${url}${CONTROL_PATH}/fault`,
      );
    },
    error => {
      process.stderr.write(
        `simulated cluster could not start: ${error.message}\n`,
      );
      process.exit(1);
    },
  );
}
