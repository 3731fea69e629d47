import type { z } from 'zod';
import type { AppComponent, Color, Component } from '../naming/components';
import {
  CHART_VERSION,
  EXPORTER_IMAGES,
  POSTGRES_IMAGES,
  REDIS_IMAGE,
} from './defaults';
import {
  deploymentParametersSchema,
  type ParsedDeploymentParameters,
} from './schema';

/**
 * The normalized description of one evolution-todo deployment: every default
 * applied, every derived value computed. Renderers read only this.
 */
export interface DeploymentSpec
  extends Omit<
    ParsedDeploymentParameters,
    'namespace' | 'ingress' | 'rollout'
  > {
  namespace: string;
  ingress: ParsedDeploymentParameters['ingress'] & {
    className: string;
    host: string;
    tlsSecretName: string;
    controllerNamespace: string;
  };
  rollout: ParsedDeploymentParameters['rollout'] &
    Record<Color, { imageTag: string }>;
  /** Full image references, pinned. */
  images: Record<Component, string> & {
    postgresExporter: string;
    redisExporter: string;
  };
  chartVersion: string;
}

/** One problem with the parameters, named by its dotted field path. */
export interface ParameterIssue {
  field: string;
  message: string;
}

/** Thrown for parameters that fail the schema; lists every problem, by field. */
export class DeploymentParametersError extends Error {
  readonly issues: ParameterIssue[];

  constructor(issues: ParameterIssue[]) {
    super(
      `Invalid evolution-todo parameters:\n${issues
        .map(i => `  - ${i.field}: ${i.message}`)
        .join('\n')}`,
    );
    this.name = 'DeploymentParametersError';
    this.issues = issues;
  }
}

function toIssues(error: z.ZodError): ParameterIssue[] {
  return error.issues.flatMap(issue => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(key => ({
        field: base ? `${base}.${key}` : key,
        message: 'is not a known parameter',
      }));
    }
    if (issue.code === 'invalid_key') {
      // A record key (label, annotation, nodeSelector): zod nests the rule it broke.
      return [
        {
          field: base || '(root)',
          message: `key ${issue.issues.map(i => i.message).join('; ')}`,
        },
      ];
    }
    return [{ field: base || '(root)', message: issue.message }];
  });
}

function appImage(
  params: Pick<ParsedDeploymentParameters, 'imageRegistry' | 'name'>,
  component: AppComponent,
  tag: string,
): string {
  return `${params.imageRegistry}/${params.name}-${component}:${tag}`;
}

/**
 * The image an app Deployment runs: the colour's tag with blue-green (each
 * colour may run its own version), `imageTag` otherwise.
 */
export function appImageOf(
  spec: DeploymentSpec,
  component: AppComponent,
  color?: Color,
): string {
  return color
    ? appImage(spec, component, spec.rollout[color].imageTag)
    : spec.images[component];
}

/**
 * The namespace ingress traffic comes from: the controller's own (Traefik's
 * chart installs into `traefik`, ingress-nginx into `ingress-nginx`), or the
 * Gateway's namespace, where its data plane runs.
 */
function defaultControllerNamespace(
  ingress: ParsedDeploymentParameters['ingress'],
): string {
  switch (ingress.provider) {
    case 'nginx':
      return 'ingress-nginx';
    case 'gateway':
      return ingress.gateway.namespace;
    default:
      return 'traefik';
  }
}

/** Fills in the defaults that depend on other fields. */
function normalize(params: ParsedDeploymentParameters): DeploymentSpec {
  const { ingress } = params;
  return {
    ...params,
    namespace: params.namespace ?? params.name,
    ingress: {
      ...ingress,
      className:
        ingress.className ??
        (ingress.provider === 'gateway'
          ? ingress.gateway.name
          : ingress.provider),
      host: ingress.host ?? `${params.name}.localhost`,
      tlsSecretName: ingress.tlsSecretName ?? `${params.name}-tls`,
      controllerNamespace:
        ingress.controllerNamespace ?? defaultControllerNamespace(ingress),
    },
    rollout: {
      ...params.rollout,
      blue: { imageTag: params.rollout.blue.imageTag ?? params.imageTag },
      green: { imageTag: params.rollout.green.imageTag ?? params.imageTag },
    },
    images: {
      frontend: appImage(params, 'frontend', params.imageTag),
      backend: appImage(params, 'backend', params.imageTag),
      mcp: appImage(params, 'mcp', params.imageTag),
      postgres: POSTGRES_IMAGES[params.postgres.version],
      redis: REDIS_IMAGE,
      postgresExporter: EXPORTER_IMAGES.postgres,
      redisExporter: EXPORTER_IMAGES.redis,
    },
    chartVersion: CHART_VERSION,
  };
}

/**
 * Validates parameters (from the template form or a values file) and returns
 * the DeploymentSpec, or the list of problems by field.
 */
export function safeParseDeploymentParameters(input: unknown):
  | {
      success: true;
      spec: DeploymentSpec;
      /**
       * The parameters with the schema's defaults applied: what a repository
       * records, itself valid input that gives the same spec.
       */
      parameters: ParsedDeploymentParameters;
    }
  | { success: false; issues: ParameterIssue[] } {
  const result = deploymentParametersSchema.safeParse(input);
  if (!result.success) {
    return { success: false, issues: toIssues(result.error) };
  }
  return {
    success: true,
    spec: normalize(result.data),
    parameters: result.data,
  };
}

/** Like safeParseDeploymentParameters, but throws DeploymentParametersError. */
export function parseDeploymentParameters(input: unknown): DeploymentSpec {
  const result = safeParseDeploymentParameters(input);
  if (!result.success) {
    throw new DeploymentParametersError(result.issues);
  }
  return result.spec;
}
