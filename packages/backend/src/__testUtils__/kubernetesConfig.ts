/**
 * The portal's `kubernetes` config for one cluster served by a test's fake
 * Kubernetes API (a loopback server), as the permission and replica tests
 * give it to the real Kubernetes backend.
 */
export function singleTestClusterConfig(url: string) {
  return {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'test',
            url,
            authProvider: 'serviceAccount',
            serviceAccountToken: 'test-service-account-token',
            skipTLSVerify: true,
          },
        ],
      },
    ],
  };
}
