import {
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  ServerConfiguration,
  type Configuration,
  type Middleware,
  type V1APIResource,
} from '@kubernetes/client-node';
import type { ClusterTarget } from './cluster';

/**
 * KubernetesObjectApi with the target namespace as its default (for objects
 * that do not name one) and API discovery made public, so the deploy can tell
 * "this kind is not served here" apart from "this object does not exist".
 */
export class DeployObjectApi extends KubernetesObjectApi {
  constructor(configuration: Configuration, namespace: string) {
    super(configuration);
    this.defaultNamespace = namespace;
  }

  /** How the API server serves `kind` in `apiVersion`; undefined when it does not. Cached per group version. */
  discover(
    apiVersion: string,
    kind: string,
  ): Promise<V1APIResource | undefined> {
    return this.resource(apiVersion, kind);
  }
}

export interface ObjectApiOptions {
  namespace: string;
  /** Each request, discovery included, is aborted after this long. */
  requestTimeoutMs: number;
  /** The task's cancellation signal, so cancelling the task aborts a request in flight. */
  signal?: AbortSignal;
}

/**
 * A client for one cluster and one token. Built by hand rather than with
 * KubernetesObjectApi.makeApiClient so every request carries a deadline: the
 * client itself would wait for a hung API server forever.
 */
export function createObjectApi(
  target: ClusterTarget,
  options: ObjectApiOptions,
): DeployObjectApi {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'target',
        server: target.url,
        caData: target.caData,
        caFile: target.caFile,
        skipTLSVerify: target.skipTLSVerify,
      },
    ],
    users: [{ name: 'deployer', token: target.token }],
    contexts: [
      {
        name: 'deploy',
        cluster: 'target',
        user: 'deployer',
        namespace: options.namespace,
      },
    ],
    currentContext: 'deploy',
  });
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(target.url, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [
      requestDeadline(options.requestTimeoutMs, options.signal),
    ],
  });
  return new DeployObjectApi(configuration, options.namespace);
}

function requestDeadline(
  timeoutMs: number,
  taskSignal?: AbortSignal,
): Middleware {
  return {
    async pre(context) {
      const deadline = AbortSignal.timeout(timeoutMs);
      context.setSignal(
        taskSignal ? AbortSignal.any([deadline, taskSignal]) : deadline,
      );
      return context;
    },
    async post(response) {
      return response;
    },
  };
}
