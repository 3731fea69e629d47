/**
 * Renders plugin components against the simulated cluster: the real
 * KubernetesBackendClient and auth providers from kubernetes-react, talking to
 * msw handlers that stand in for the Kubernetes backend, which in turn call the
 * simulated cluster's Kubernetes API handlers.
 */
import type { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  KubernetesAuthProviders,
  KubernetesBackendClient,
  kubernetesApiRef,
  kubernetesAuthProvidersApiRef,
} from '@backstage/plugin-kubernetes-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { setupServer } from 'msw/node';
import {
  kubernetesApiHandlers,
  kubernetesBackendHandlers,
  SimulatedCluster,
  type BackendCluster,
} from './simulatedCluster';

export const CLUSTER_URL = 'http://local-cluster.test';
export const SECOND_CLUSTER_URL = 'http://eu-west-cluster.test';
const TOKEN = 'test-token';

export function systemEntity(release = 'todo'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: release,
      annotations: { 'backstage.io/kubernetes-id': release },
    },
    spec: { owner: 'group:default/platform-team' },
  };
}

export function componentEntity(
  component: string,
  release = 'todo',
  kind = 'Component',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: `${release}-${component}`,
      annotations: {
        'backstage.io/kubernetes-label-selector': `app.kubernetes.io/instance=${release},app.kubernetes.io/component=${component}`,
        'backstage.io/kubernetes-namespace': release,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
      system: release,
    },
  };
}

/**
 * A msw server with one simulated cluster ("local") behind the simulated
 * Kubernetes backend; `addCluster` registers more. Reset between tests.
 */
export function setupSimulatedKubernetes() {
  const server = setupServer();
  const state = {
    cluster: new SimulatedCluster({ token: TOKEN }),
    clusters: [] as BackendCluster[],
  };
  const use = (
    clusters: Array<{
      name: string;
      url: string;
      cluster: SimulatedCluster;
      token?: string;
    }>,
  ) => {
    state.clusters = clusters.map(c => ({
      name: c.name,
      url: c.url,
      token: c.token ?? TOKEN,
    }));
    server.resetHandlers(
      ...clusters.flatMap(c => kubernetesApiHandlers(c.cluster, c.url)),
      ...kubernetesBackendHandlers(state.clusters),
    );
  };
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    state.cluster = new SimulatedCluster({ token: TOKEN });
    use([{ name: 'local', url: CLUSTER_URL, cluster: state.cluster }]);
  });
  afterAll(() => server.close());
  return {
    server,
    get cluster() {
      return state.cluster;
    },
    /** Replaces the configured clusters, e.g. to add a second one or none. */
    useClusters: use,
  };
}

export function kubernetesApis() {
  const authProviders = new KubernetesAuthProviders({
    microsoftAuthApi: { getAccessToken: async () => '' },
    googleAuthApi: { getAccessToken: async () => '' },
    oidcProviders: {},
  } as unknown as ConstructorParameters<typeof KubernetesAuthProviders>[0]);
  const client = new KubernetesBackendClient({
    discoveryApi: {
      getBaseUrl: async (pluginId: string) =>
        `http://localhost:7007/api/${pluginId}`,
    },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
    kubernetesAuthProvidersApi: authProviders,
  });
  return { client, authProviders };
}

export async function renderForEntity(element: ReactElement, entity: Entity) {
  const { client, authProviders } = kubernetesApis();
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [kubernetesApiRef, client],
        [kubernetesAuthProvidersApiRef, authProviders],
        // The card's template-version line reads the catalog; an empty one shows none.
        [catalogApiRef, catalogApiMock()],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}
