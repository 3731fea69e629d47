import type { LoggerService } from '@backstage/backend-plugin-api';
import { posix } from 'node:path';
import {
  OPERATOR_MANIFESTS_FOLDER,
  PROMETHEUS_OPERATOR_API_VERSION,
} from '../render/manifests/monitoring/operator';
import { describeApiFailure } from './apiErrors';
import type { DeployObjectApi } from './objectApi';
import { describeObject, type SourcedObject } from './types';

export interface OperatorObjectsOptions {
  /** The manifests folder as given to the action, e.g. "k8s". */
  manifestsPath: string;
  requestTimeoutMs: number;
  logger: LoggerService;
}

/** The objects read from <manifestsPath>/monitoring/, whatever their kind. */
function inOperatorFolder(entry: SourcedObject, manifestsPath: string) {
  const folder = `${posix.join(
    posix.normalize(manifestsPath),
    OPERATOR_MANIFESTS_FOLDER,
  )}/`;
  return entry.source.startsWith(folder);
}

/**
 * k8s/monitoring/ holds the Prometheus Operator's objects (ServiceMonitors,
 * PrometheusRule), which only a cluster with the operator's CRDs accepts.
 * Asks the cluster's discovery whether it serves every kind found there; if
 * not, leaves the folder out with a log line that says what was skipped and
 * how to get it, so a cluster without the operator still gets the stack.
 * When discovery itself fails (timeout, 401...) the objects are kept: the
 * apply then reports that failure against the object.
 */
export async function withoutUnservedOperatorObjects(
  api: DeployObjectApi,
  entries: readonly SourcedObject[],
  options: OperatorObjectsOptions,
): Promise<SourcedObject[]> {
  const operatorEntries = entries.filter(entry =>
    inOperatorFolder(entry, options.manifestsPath),
  );
  if (operatorEntries.length === 0) return [...entries];

  const kinds = [
    ...new Set(
      operatorEntries.map(e => `${e.object.apiVersion} ${e.object.kind}`),
    ),
  ];
  const unserved: string[] = [];
  for (const kind of kinds) {
    const [apiVersion, name] = kind.split(' ');
    try {
      if (!(await api.discover(apiVersion, name))) unserved.push(kind);
    } catch (error) {
      const failure = describeApiFailure(error, options.requestTimeoutMs);
      if (failure.code !== 404) return [...entries];
      unserved.push(kind);
    }
  }
  if (unserved.length === 0) return [...entries];

  const folder = posix.join(options.manifestsPath, OPERATOR_MANIFESTS_FOLDER);
  options.logger.warn(
    `Skipped ${folder}/ (${operatorEntries
      .map(e => describeObject(e.object))
      .join(', ')}): the cluster does not serve ${unserved.join(
      ', ',
    )}, so the Prometheus Operator's CRDs are not installed. The rest of the stack, exporters and dashboards included, is applied. To get them, install the operator (e.g. the kube-prometheus-stack chart, which serves ${PROMETHEUS_OPERATOR_API_VERSION}) and run the deploy again.`,
  );
  return entries.filter(entry => !operatorEntries.includes(entry));
}
