import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Where and as whom the action talks to the Kubernetes API. */
export interface ClusterTarget {
  /** The configured cluster name, or the API URL when it was given directly. */
  name: string;
  url: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  /** Bearer token. Never logged, never output, never part of an error message. */
  token: string;
}

/** The inputs that choose the cluster; credentials are deliberately not among them. */
export interface ClusterSelection {
  cluster?: string;
  apiUrl?: string;
  caData?: string;
  skipTLSVerify?: boolean;
  /** Key in the task's secrets that may hold a token, e.g. "kubernetesToken". */
  tokenSecret: string;
}

export const CONFIG_CLUSTERS_PATH =
  'kubernetes.clusterLocatorMethods[type=config].clusters';

interface ConfiguredCluster {
  name: string;
  url: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  serviceAccountToken?: string;
}

/** The clusters the portal's Kubernetes plugin knows from app-config. */
export function readConfiguredClusters(config: Config): ConfiguredCluster[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods
    .filter(method => method.getString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? [])
    .map(cluster => ({
      name: cluster.getString('name'),
      url: cluster.getString('url'),
      caData: cluster.getOptionalString('caData'),
      caFile: cluster.getOptionalString('caFile'),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
    }));
}

/**
 * Resolves the cluster inputs against app-config and the task secrets.
 *
 * The token comes from the task secret when the user gave one (the deploy
 * then runs, and is audited, as that user), otherwise from the configured
 * cluster's serviceAccountToken. Plain inputs never carry a token: inputs are
 * stored with the task and shown in its log.
 */
export function resolveCluster(
  config: Config,
  selection: ClusterSelection,
  secrets: Record<string, string> | undefined,
): ClusterTarget {
  const { cluster, apiUrl, tokenSecret } = selection;
  if (cluster && apiUrl) {
    throw new InputError(
      'Inputs "cluster" and "apiUrl" exclude each other: name a configured cluster or give an API URL, not both',
    );
  }
  const secretToken = secrets?.[tokenSecret]?.trim() || undefined;

  if (apiUrl) {
    const skipTLSVerify = selection.skipTLSVerify ?? false;
    return {
      name: apiUrl,
      url: checkApiUrl(
        apiUrl,
        skipTLSVerify,
        'Input "apiUrl"',
        'input "skipTLSVerify"',
      ),
      caData: selection.caData,
      skipTLSVerify,
      token: requireToken(
        secretToken,
        `for API URL ${apiUrl}: provide the task secret "${tokenSecret}"`,
      ),
    };
  }
  if (!cluster) {
    throw new InputError(
      `Input "cluster" or "apiUrl" is required: name a cluster from ${CONFIG_CLUSTERS_PATH} or give the API server URL`,
    );
  }
  if (selection.caData !== undefined || selection.skipTLSVerify !== undefined) {
    throw new InputError(
      `Inputs "caData" and "skipTLSVerify" only apply with "apiUrl"; cluster "${cluster}" takes its TLS settings from app-config`,
    );
  }

  const configured = readConfiguredClusters(config);
  const match = configured.find(candidate => candidate.name === cluster);
  if (!match) {
    const known = configured.map(candidate => `"${candidate.name}"`).join(', ');
    throw new InputError(
      `Input "cluster": no cluster named "${cluster}" in ${CONFIG_CLUSTERS_PATH} (${
        known ? `configured: ${known}` : 'none are configured'
      })`,
    );
  }
  return {
    name: match.name,
    url: checkApiUrl(
      match.url,
      match.skipTLSVerify,
      `${CONFIG_CLUSTERS_PATH}[name=${cluster}].url`,
      'skipTLSVerify on that cluster',
    ),
    caData: match.caData,
    caFile: match.caFile,
    skipTLSVerify: match.skipTLSVerify,
    token: requireToken(
      secretToken ?? match.serviceAccountToken,
      `for cluster "${cluster}": set serviceAccountToken on it in ${CONFIG_CLUSTERS_PATH}, or provide the task secret "${tokenSecret}"`,
    ),
  };
}

function requireToken(token: string | undefined, remedy: string): string {
  if (!token) {
    throw new InputError(`No Kubernetes API token ${remedy}`);
  }
  return token;
}

function checkApiUrl(
  url: string,
  skipTLSVerify: boolean,
  field: string,
  tlsField: string,
): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${field}: "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InputError(`${field}: "${url}" must be an http(s) URL`);
  }
  // @kubernetes/client-node refuses plain HTTP unless TLS checks are off; say so up front.
  if (parsed.protocol === 'http:' && !skipTLSVerify) {
    throw new InputError(
      `${field}: "${url}" is plain HTTP, which the Kubernetes client only accepts with ${tlsField} set to true; use https`,
    );
  }
  // The client appends /api/... to the base; a trailing slash would double it.
  return url.replace(/\/+$/, '');
}
