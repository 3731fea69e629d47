import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zod } from 'zod/v3';
import type { JsonObject } from '@backstage/types';
import { applyAll, FIELD_MANAGER, type ApplyOutcome } from '../deploy/apply';
import {
  applyCheckpointKey,
  recordApply,
  type RecordedApply,
} from '../deploy/applyCheckpoint';
import { CONFIG_CLUSTERS_PATH, resolveCluster } from '../deploy/cluster';
import { sortForApply } from '../deploy/kindOrder';
import { checkUniqueObjects, readManifestsToApply } from '../deploy/manifests';
import { checkNamespaceScope, withNamespace } from '../deploy/namespace';
import { createObjectApi } from '../deploy/objectApi';
import { withoutUnservedOperatorObjects } from '../deploy/operatorObjects';
import {
  formatResultTable,
  summarizeResults,
  type AppliedObjectRow,
} from '../deploy/resultTable';
import { waitForRollouts, WAITABLE_KINDS } from '../deploy/rollout';
import { describeObject } from '../deploy/types';
import { examples } from './deploy.examples';

export const DEPLOY_ACTION_ID = 'evolution-todo:deploy';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Input fields, shared by the action's JSON schema and the handler's own
 * parse: the handler sees the parsed values, with defaults filled in, and a
 * rule broken in a direct call fails with the field's name.
 */
const inputFields = {
  owner: (z: typeof zod) =>
    z
      .string()
      .min(1)
      .optional()
      .describe(
        "Entity ref of the group that owns what is deployed (the template's chosen owner). Not used by the action itself: the portal's permission policy lets only that group's members run the step.",
      ),
  cluster: (z: typeof zod) =>
    z
      .string()
      .min(1)
      .optional()
      .describe(
        `Name of a cluster in app-config ${CONFIG_CLUSTERS_PATH}; its URL, TLS settings and serviceAccountToken are used. Give this or "apiUrl".`,
      ),
  apiUrl: (z: typeof zod) =>
    z
      .string()
      .url()
      .optional()
      .describe(
        'Kubernetes API server URL, for a cluster not in app-config. The token must then come from the task secret named by "tokenSecret".',
      ),
  caData: (z: typeof zod) =>
    z
      .string()
      .optional()
      .describe(
        'Base64 PEM of the CA that signed the API server certificate (with "apiUrl" only).',
      ),
  skipTLSVerify: (z: typeof zod) =>
    z
      .boolean()
      .optional()
      .describe(
        'Do not verify the API server certificate (with "apiUrl" only; throwaway clusters).',
      ),
  tokenSecret: (z: typeof zod) =>
    z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('kubernetesToken')
      .describe(
        "Name of the task secret (a form field with ui:field Secret) holding an API token. When present it is used instead of the cluster's serviceAccountToken. Tokens are never accepted as plain inputs.",
      ),
  namespace: (z: typeof zod) =>
    z
      .string()
      .max(63)
      .regex(
        DNS_LABEL,
        'must be a DNS-1123 label (lowercase letters, digits and "-")',
      )
      .describe(
        'Namespace to deploy into. Objects without metadata.namespace go here; objects naming another namespace are refused.',
      ),
  createNamespace: (z: typeof zod) =>
    z
      .boolean()
      .default(false)
      .describe(
        'Apply the Namespace first, labelled pod-security.kubernetes.io/enforce, audit and warn = restricted.',
      ),
  manifestsPath: (z: typeof zod) =>
    z
      .string()
      .min(1)
      .default('k8s')
      .describe(
        'Workspace folder with the rendered manifests; every *.yaml/*.yml below it is applied (*.example files never are), its monitoring/ folder (the Prometheus Operator objects) only when the cluster serves them.',
      ),
  force: (z: typeof zod) =>
    z
      .boolean()
      .default(false)
      .describe(
        'Take over fields another field manager owns instead of failing with a conflict.',
      ),
  dryRun: (z: typeof zod) =>
    z
      .boolean()
      .default(false)
      .describe(
        'Send every request with dryRun=All: the API server validates and admits, nothing is persisted. Always on in a Template Editor dry run.',
      ),
  continueOnError: (z: typeof zod) =>
    z
      .boolean()
      .default(false)
      .describe(
        'Keep applying after an object fails; the step then succeeds and the failures are in the "objects" output. Off: stop at the first failure and fail the step.',
      ),
  waitForRollout: (z: typeof zod) =>
    z
      .boolean()
      .default(false)
      .describe(
        'Wait until every applied Deployment and StatefulSet has rolled out.',
      ),
  rolloutTimeoutSeconds: (z: typeof zod) =>
    z
      .number()
      .positive()
      .max(3600)
      .default(300)
      .describe('How long to wait for rollouts before failing the step.'),
  pollIntervalSeconds: (z: typeof zod) =>
    z
      .number()
      .positive()
      .max(300)
      .default(5)
      .describe('How often to check rollout status.'),
  requestTimeoutSeconds: (z: typeof zod) =>
    z
      .number()
      .positive()
      .max(600)
      .default(30)
      .describe('How long to wait for each answer from the API server.'),
};

const appliedObject = (z: typeof zod) =>
  z.object({
    kind: z.string(),
    namespace: z.string(),
    name: z.string(),
    result: z.enum(['created', 'configured', 'unchanged', 'failed']),
    message: z.string(),
  });

// Strict: an unknown input is refused rather than ignored, so a token passed
// as, say, `token: ${{ secrets.x }}` fails loudly instead of being stored
// with the task's inputs and then silently not used.
const inputSchema = zod
  .object(
    Object.fromEntries(
      Object.entries(inputFields).map(([name, field]) => [name, field(zod)]),
    ) as {
      [K in keyof typeof inputFields]: ReturnType<(typeof inputFields)[K]>;
    },
  )
  .strict();

type DeployInput = zod.output<typeof inputSchema>;

function parseInput(raw: unknown): DeployInput {
  const parsed = inputSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map(describeIssue).join('; '));
  }
  return parsed.data;
}

function describeIssue(issue: zod.ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map(key => `"${key}"`).join(', ');
    return `Unknown input(s) ${keys}: credentials come from app-config or the task secrets, and other settings from the inputs documented for ${DEPLOY_ACTION_ID}`;
  }
  return `Input "${issue.path.join('.')}": ${issue.message}`;
}

/**
 * `evolution-todo:deploy`: server-side applies the rendered k8s/ manifests
 * to a cluster the portal knows, in dependency order, and optionally waits
 * for the workloads to roll out.
 *
 * @public
 */
export function createDeployAction(options: { config: Config }) {
  return createTemplateAction({
    id: DEPLOY_ACTION_ID,
    description:
      "Server-side applies the rendered Kubernetes manifests (k8s/) to a cluster from the portal's kubernetes config, in dependency order, with an optional namespace (Pod Security restricted), dry run and rollout wait.",
    examples,
    supportsDryRun: true,
    schema: {
      input: inputFields,
      output: {
        objects: z =>
          z
            .array(appliedObject(z))
            .describe(
              'Every object sent, in order, with its result: created, configured, unchanged or failed.',
            ),
        summary: z =>
          z
            .string()
            .describe('Counts per result, e.g. "8 created, 1 unchanged".'),
        dryRun: z =>
          z
            .boolean()
            .describe(
              'Whether the API server was asked not to persist anything.',
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(ctx.input);
      // A Template Editor dry run must not change a cluster, whatever the inputs say.
      const dryRun = input.dryRun || Boolean(ctx.isDryRun);
      const requestTimeoutMs = input.requestTimeoutSeconds * 1000;

      const target = resolveCluster(
        options.config,
        {
          cluster: input.cluster,
          apiUrl: input.apiUrl,
          caData: input.caData,
          skipTLSVerify: input.skipTLSVerify,
          tokenSecret: input.tokenSecret,
        },
        ctx.secrets,
      );

      let entries = await readManifestsToApply(
        ctx.workspacePath,
        input.manifestsPath,
      );
      checkNamespaceScope(entries, input.namespace);
      if (input.createNamespace)
        entries = withNamespace(entries, input.namespace);
      checkUniqueObjects(entries, input.namespace);
      const ordered = sortForApply(entries);

      ctx.logger.info(
        `${dryRun ? 'Dry run (dryRun=All): ' : ''}applying ${
          ordered.length
        } objects from ${input.manifestsPath} to cluster ${target.name} (${
          target.url
        }), namespace ${input.namespace}, field manager ${FIELD_MANAGER}${
          input.force ? ', force on' : ''
        }`,
      );
      const api = createObjectApi(target, {
        namespace: input.namespace,
        requestTimeoutMs,
        signal: ctx.signal,
      });
      // k8s/monitoring/ only where the cluster serves the Prometheus Operator's API.
      const toApply = await withoutUnservedOperatorObjects(api, ordered, {
        manifestsPath: input.manifestsPath,
        requestTimeoutMs,
        logger: ctx.logger,
      });
      const report = (rows: AppliedObjectRow[]) => {
        const summary = summarizeResults(rows);
        ctx.logger.info(`${summary}\n${formatResultTable(rows)}`);
        ctx.output('objects', rows);
        ctx.output('summary', summary);
        ctx.output('dryRun', dryRun);
      };
      // Server-side apply is idempotent by itself; the checkpoint also spares
      // a recovered task the second round of requests.
      const outcome = await ctx.checkpoint({
        key: applyCheckpointKey(target, input.namespace, dryRun),
        fn: async () => {
          const applied = await applyAll(api, toApply, {
            namespace: input.namespace,
            dryRun,
            force: input.force,
            continueOnError: input.continueOnError,
            requestTimeoutMs,
            logger: ctx.logger,
          });
          // A failed apply is not recorded as done, so a retry applies again.
          if (applied.failures.length > 0 && !input.continueOnError) {
            report(applied.rows);
            throw new Error(stopMessage(applied));
          }
          return recordApply(applied) as RecordedApply & JsonObject;
        },
      });
      report(outcome.rows);

      if (outcome.failed > 0) {
        ctx.logger.warn(
          `${outcome.failed} object(s) failed; the step goes on because input "continueOnError" is true`,
        );
      }

      if (input.waitForRollout) {
        const workloads = outcome.applied.filter(object =>
          WAITABLE_KINDS.has(object.kind),
        );
        if (dryRun) {
          ctx.logger.info(
            'Dry run: nothing was rolled out, so there is no rollout to wait for',
          );
        } else if (workloads.length > 0) {
          await waitForRollouts(api, workloads, {
            timeoutMs: input.rolloutTimeoutSeconds * 1000,
            intervalMs: input.pollIntervalSeconds * 1000,
            requestTimeoutMs,
            logger: ctx.logger,
            signal: ctx.signal,
          });
          ctx.logger.info(`All ${workloads.length} workload(s) rolled out`);
        }
      }
    },
  });
}

/** The step's error when it stops at a failed object: which one, why, and what was left out. */
function stopMessage(outcome: ApplyOutcome): string {
  const [{ object, source, failure }] = outcome.failures;
  const skipped = outcome.notApplied.map(entry => describeObject(entry.object));
  const notApplied =
    skipped.length > 0
      ? ` Not applied, as it came after the failure: ${skipped.join(
          ', ',
        )}. Set input "continueOnError" to true to apply them anyway.`
      : '';
  return `Failed to apply ${describeObject(object)} (${source}): ${
    failure.message
  }.${notApplied}`;
}
