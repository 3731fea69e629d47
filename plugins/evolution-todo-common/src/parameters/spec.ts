import type { z } from 'zod';
import type { AppComponent, Component } from '../naming/components';
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
  extends Omit<ParsedDeploymentParameters, 'namespace' | 'ingress'> {
  namespace: string;
  ingress: ParsedDeploymentParameters['ingress'] & {
    className: string;
    host: string;
    tlsSecretName: string;
  };
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
    return [{ field: base || '(root)', message: issue.message }];
  });
}

function appImage(
  params: ParsedDeploymentParameters,
  component: AppComponent,
): string {
  return `${params.imageRegistry}/${params.name}-${component}:${params.imageTag}`;
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
        (ingress.provider === 'gateway' ? ingress.gateway.name : ingress.provider),
      host: ingress.host ?? `${params.name}.localhost`,
      tlsSecretName: ingress.tlsSecretName ?? `${params.name}-tls`,
    },
    images: {
      frontend: appImage(params, 'frontend'),
      backend: appImage(params, 'backend'),
      mcp: appImage(params, 'mcp'),
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
export function safeParseDeploymentParameters(
  input: unknown,
):
  | { success: true; spec: DeploymentSpec }
  | { success: false; issues: ParameterIssue[] } {
  const result = deploymentParametersSchema.safeParse(input);
  if (!result.success) {
    return { success: false, issues: toIssues(result.error) };
  }
  return { success: true, spec: normalize(result.data) };
}

/** Like safeParseDeploymentParameters, but throws DeploymentParametersError. */
export function parseDeploymentParameters(input: unknown): DeploymentSpec {
  const result = safeParseDeploymentParameters(input);
  if (!result.success) {
    throw new DeploymentParametersError(result.issues);
  }
  return result.spec;
}
