import type { LoggerService } from '@backstage/backend-plugin-api';
import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { isDeepStrictEqual } from 'node:util';
import { describeApiFailure, type ApiFailure } from './apiErrors';
import type { DeployObjectApi } from './objectApi';
import type { AppliedObjectRow } from './resultTable';
import {
  describeObject,
  type ManifestObject,
  type SourcedObject,
} from './types';

/**
 * The field manager every apply uses. Fixed, so a re-run owns the same fields
 * as the run before it and can change or drop them; a per-run name would
 * leave each run's fields behind as conflicts for the next.
 */
export const FIELD_MANAGER = 'backstage-evolution-todo';

export interface ApplyOptions {
  /** Where objects without metadata.namespace go, when their kind is namespaced. */
  namespace: string;
  dryRun: boolean;
  force: boolean;
  continueOnError: boolean;
  requestTimeoutMs: number;
  logger: LoggerService;
}

export interface ApplyFailure {
  /** The object as sent, namespace filled in. */
  object: ManifestObject;
  source: string;
  failure: ApiFailure;
}

export interface ApplyOutcome {
  rows: AppliedObjectRow[];
  /** Objects the API server accepted, with their namespace filled in. */
  applied: ManifestObject[];
  failures: ApplyFailure[];
  /** Objects never sent because an earlier one failed. */
  notApplied: SourcedObject[];
}

/**
 * Server-side applies `entries` one at a time, in the order given, and stops
 * at the first failure unless `continueOnError`: later objects usually depend
 * on earlier ones, and a half-applied stack is easier to reason about when
 * it is cut off at a known point.
 */
export async function applyAll(
  api: DeployObjectApi,
  entries: readonly SourcedObject[],
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = {
    rows: [],
    applied: [],
    failures: [],
    notApplied: [],
  };
  // Namespaces that a dry run "created": the API server cannot dry-run
  // objects into them, as they do not exist yet.
  const dryRunNamespaces = new Set<string>();

  for (const [index, entry] of entries.entries()) {
    const step = await applyOne(api, entry, options, dryRunNamespaces);
    outcome.rows.push(step.row);
    const label = `${describeObject(step.object)} (${entry.source})`;
    if (step.failure) {
      outcome.failures.push({
        object: step.object,
        source: entry.source,
        failure: step.failure,
      });
      options.logger.error(`Failed to apply ${label}: ${step.failure.message}`);
      if (!options.continueOnError) {
        outcome.notApplied = entries.slice(index + 1);
        break;
      }
    } else {
      outcome.applied.push(step.object);
      options.logger.info(
        `Applied ${label}: ${step.row.result}${
          step.row.message ? ` (${step.row.message})` : ''
        }`,
      );
    }
  }
  return outcome;
}

interface StepResult {
  object: ManifestObject;
  row: AppliedObjectRow;
  failure?: ApiFailure;
}

async function applyOne(
  api: DeployObjectApi,
  entry: SourcedObject,
  options: ApplyOptions,
  dryRunNamespaces: Set<string>,
): Promise<StepResult> {
  // A copy: the client fills in defaults on the object it is given.
  const object = structuredClone(entry.object);
  const fail = (failure: ApiFailure): StepResult => ({
    object,
    row: toRow(object, 'failed', failure.message),
    failure,
  });
  const describe = (error: unknown) =>
    describeApiFailure(error, options.requestTimeoutMs);

  let namespaced: boolean;
  try {
    const resource = await api.discover(object.apiVersion, object.kind);
    if (!resource) return fail(notServed(object));
    namespaced = resource.namespaced;
  } catch (error) {
    const failure = describe(error);
    return fail(failure.code === 404 ? notServed(object) : failure);
  }
  if (namespaced && !object.metadata.namespace) {
    object.metadata.namespace = options.namespace;
  }

  let before: KubernetesObject | undefined;
  try {
    before = await api.read(header(object));
  } catch (error) {
    const failure = describe(error);
    if (failure.code !== 404) {
      return fail({
        ...failure,
        message: `reading the current object: ${failure.message}`,
      });
    }
  }

  let after: KubernetesObject;
  try {
    after = await api.patch(
      structuredClone(object),
      undefined,
      options.dryRun ? 'All' : undefined,
      FIELD_MANAGER,
      options.force,
      PatchStrategy.ServerSideApply,
    );
  } catch (error) {
    const failure = describe(error);
    if (
      options.dryRun &&
      failure.missingNamespace !== undefined &&
      dryRunNamespaces.has(failure.missingNamespace)
    ) {
      return {
        object,
        row: toRow(
          object,
          'created',
          `dry run: namespace ${failure.missingNamespace} would be created first, so the API server could not check this object yet`,
        ),
      };
    }
    return fail(failure);
  }

  const result = applyResult(before, after);
  if (options.dryRun && result === 'created' && object.kind === 'Namespace') {
    dryRunNamespaces.add(object.metadata.name);
  }
  return {
    object,
    row: toRow(
      object,
      result,
      options.dryRun ? 'dry run: nothing persisted' : '',
    ),
  };
}

function header(object: ManifestObject) {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
    },
  };
}

function notServed(object: ManifestObject): ApiFailure {
  return {
    code: 404,
    reason: 'NotFound',
    message: `the cluster does not serve kind ${object.kind} in ${object.apiVersion} (is its CustomResourceDefinition installed?)`,
  };
}

function applyResult(
  before: KubernetesObject | undefined,
  after: KubernetesObject,
): AppliedObjectRow['result'] {
  if (!before) return 'created';
  return sameState(before, after) ? 'unchanged' : 'configured';
}

/**
 * Whether an apply changed nothing. Compares the object before and after,
 * leaving out what changes without the apply changing anything: status
 * (written by controllers), resourceVersion and managedFields timestamps.
 * Works for dry runs too, where resourceVersion never moves.
 */
function sameState(before: KubernetesObject, after: KubernetesObject): boolean {
  return isDeepStrictEqual(
    withoutVolatileFields(before),
    withoutVolatileFields(after),
  );
}

function withoutVolatileFields(object: KubernetesObject) {
  const {
    status: _status,
    metadata,
    ...rest
  } = object as KubernetesObject & {
    status?: unknown;
  };
  const {
    resourceVersion: _resourceVersion,
    managedFields: _managedFields,
    ...stableMetadata
  } = metadata ?? {};
  return { ...rest, metadata: { ...stableMetadata } };
}

function toRow(
  object: ManifestObject,
  result: AppliedObjectRow['result'],
  message: string,
): AppliedObjectRow {
  return {
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
    result,
    message,
  };
}
