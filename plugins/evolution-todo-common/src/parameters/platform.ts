import { z } from 'zod';
import { LABELS } from '../naming/labels';
import type { Component } from '../naming/components';

/**
 * The pod settings every production chart exposes, so that a platform team
 * never has to fork the chart: scheduling (nodeSelector, tolerations,
 * affinity, priorityClassName), pod metadata, extra environment, and at the
 * top level imagePullSecrets and ServiceAccount annotations (IRSA, workload
 * identity). The rules below are the API server's own (label and annotation
 * keys, env var names, toleration operators and effects), so a value that
 * would be rejected at apply time is rejected here, by field.
 */

/** DNS-1123 subdomain: names of PriorityClasses, Secrets, ConfigMaps; label key prefixes. */
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The name part of a qualified name (label and annotation keys). */
const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** A label value: empty, or up to 63 alphanumerics with -, _ and . inside. */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
/** Environment variable names Kubernetes accepts (C identifiers are the portable subset). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  ) {
    return false;
  }
  return name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

const qualifiedKey = z.string().refine(isQualifiedName, {
  message:
    'must be a qualified name: an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit',
});

const dnsSubdomain = z
  .string()
  .min(1, { message: 'must not be empty' })
  .max(253, { message: 'must be at most 253 characters' })
  .regex(DNS_SUBDOMAIN, {
    message:
      'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and "."',
  });

const labelValue = z
  .string()
  .max(63, { message: 'must be at most 63 characters' })
  .regex(LABEL_VALUE, {
    message:
      'must be a label value: letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
  });

/** Label keys the chart sets itself: selectors and the Backstage kubernetes-id depend on them. */
const CHART_LABEL_KEYS: readonly string[] = Object.values(LABELS);
/** Pod annotations the chart sets itself (the config checksum rolls the pods). */
export const CHART_POD_ANNOTATIONS = ['checksum/config'] as const;

/**
 * Environment variables the chart sets in a container's `env` (not via the
 * ConfigMap): a second entry of the same name is refused by server-side apply
 * ("duplicate entries for key"), so extraEnv may not use them. A test in the
 * scaffolder module proves this list matches what the renderers write.
 */
export const CHART_ENV_NAMES: Record<Component, readonly string[]> = {
  frontend: [],
  backend: ['DATABASE_PASSWORD'],
  mcp: [],
  postgres: ['POSTGRES_DB', 'POSTGRES_USER', 'POSTGRES_PASSWORD', 'PGDATA'],
  redis: [],
};

function reservedKeys(reserved: readonly string[], what: string) {
  return (value: Record<string, string>, ctx: z.RefinementCtx) => {
    for (const key of Object.keys(value)) {
      if (reserved.includes(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `is a ${what} the chart sets itself`,
        });
      }
    }
  };
}

const keySelector = z.strictObject({
  name: dnsSubdomain,
  key: z.string().min(1, { message: 'must not be empty' }).max(253),
  optional: z.boolean().optional(),
});

/** An env var with a literal value or a reference; secrets belong in secretKeyRef, never in value. */
const envVar = z
  .strictObject({
    name: z
      .string()
      .min(1, { message: 'must not be empty' })
      .max(253)
      .regex(ENV_NAME, {
        message:
          'must be an environment variable name: letters, digits, "_", "-" and ".", not starting with a digit',
      }),
    value: z.string().max(4096).optional(),
    valueFrom: z
      .union([
        z.strictObject({ secretKeyRef: keySelector }),
        z.strictObject({ configMapKeyRef: keySelector }),
      ])
      .optional(),
  })
  .refine(v => (v.value === undefined) !== (v.valueFrom === undefined), {
    message: 'must have exactly one of value and valueFrom',
  });

const toleration = z
  .strictObject({
    key: qualifiedKey.optional(),
    operator: z.enum(['Equal', 'Exists']).optional(),
    value: labelValue.optional(),
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
    tolerationSeconds: z.number().int().optional(),
  })
  .superRefine((t, ctx) => {
    // The API server's rules for a toleration (core/v1 validation).
    if (t.operator === 'Exists' && t.value) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'must be empty when operator is Exists',
      });
    }
    if (!t.key && t.operator !== 'Exists') {
      ctx.addIssue({
        code: 'custom',
        path: ['operator'],
        message: 'must be Exists when key is empty',
      });
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      ctx.addIssue({
        code: 'custom',
        path: ['tolerationSeconds'],
        message: 'applies only to effect NoExecute',
      });
    }
  });

/**
 * Node and pod (anti-)affinity as the pod spec takes them. Their inner shape
 * (node selector terms, label selectors, topology keys) is checked against the
 * Kubernetes schema when the rendered Deployments are validated.
 */
const affinity = z.strictObject({
  nodeAffinity: z.record(z.string(), z.unknown()).optional(),
  podAffinity: z.record(z.string(), z.unknown()).optional(),
  podAntiAffinity: z.record(z.string(), z.unknown()).optional(),
});

/** The pod settings of one component; every key is optional and empty by default. */
export function podSettingsSchema(component: Component) {
  return {
    nodeSelector: z.record(qualifiedKey, labelValue).default({}),
    tolerations: z.array(toleration).default([]),
    affinity: affinity.default({}),
    priorityClassName: z.union([z.literal(''), dnsSubdomain]).default(''),
    podAnnotations: z
      .record(qualifiedKey, z.string().max(4096))
      .default({})
      .superRefine(reservedKeys(CHART_POD_ANNOTATIONS, 'pod annotation')),
    podLabels: z
      .record(qualifiedKey, labelValue)
      .default({})
      .superRefine(reservedKeys(CHART_LABEL_KEYS, 'label')),
    extraEnv: z
      .array(envVar)
      .default([])
      .superRefine((vars, ctx) => {
        const seen = new Set<string>();
        vars.forEach((v, index) => {
          if (CHART_ENV_NAMES[component].includes(v.name)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'name'],
              message: `is set by the chart (${CHART_ENV_NAMES[component].join(
                ', ',
              )})`,
            });
          } else if (seen.has(v.name)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'name'],
              message: 'is listed twice',
            });
          }
          seen.add(v.name);
        });
      }),
  };
}

/** Release-wide settings: registry credentials and the ServiceAccount's annotations. */
export const platformSchema = {
  /** Names of Secrets of type kubernetes.io/dockerconfigjson, for every pod. */
  imagePullSecrets: z.array(dnsSubdomain).default([]),
  serviceAccount: z
    .strictObject({
      annotations: z.record(qualifiedKey, z.string().max(4096)).default({}),
    })
    .prefault({}),
};
