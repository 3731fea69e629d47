import { findModel, REMOVED_API_VERSIONS } from './models';
import type { LoadedObject, Severity, Violation } from './types';

export const SCHEMA_RULE = 'schema';
export const REMOVED_API_RULE = 'schema-removed-api';
export const UNKNOWN_KIND_RULE = 'schema-unknown-kind';

export interface SchemaViolation extends Violation {
  rule: string;
  severity: Severity;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** `/spec/containers/0/image` → `spec.containers[0].image`. */
export function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => {
      if (/^\d+$/.test(segment)) {
        return `${path}[${segment}]`;
      }
      return path ? `${path}.${segment}` : segment;
    }, '');
}

function describeAjvError(error: AjvError): { field: string; problem: string } {
  const base = fieldPath(error.instancePath);
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    return {
      field: base ? `${base}.${missing}` : missing,
      problem: 'is required',
    };
  }
  const allowed = error.params.allowedValues;
  const problem = Array.isArray(allowed)
    ? `must be one of ${allowed.map(v => JSON.stringify(v)).join(', ')}`
    : error.message ?? `fails ${error.keyword}`;
  return { field: base || '(root)', problem };
}

/**
 * Checks an object against the JSON schema of its apiVersion and kind.
 * Unknown kinds are a warning: they may be CRDs this validator has no model for.
 */
export function schemaViolations(loaded: LoadedObject): SchemaViolation[] {
  const { apiVersion, kind } = loaded.object;
  const removedIn = REMOVED_API_VERSIONS[apiVersion];
  if (removedIn) {
    return [
      {
        rule: REMOVED_API_RULE,
        severity: 'error',
        object: loaded,
        field: 'apiVersion',
        problem: `${apiVersion} is no longer served since Kubernetes ${removedIn}`,
      },
    ];
  }
  const Model = findModel(apiVersion, kind);
  if (!Model) {
    return [
      {
        rule: UNKNOWN_KIND_RULE,
        severity: 'warning',
        object: loaded,
        field: 'apiVersion',
        problem: `no schema for ${kind} in ${apiVersion}; not checked`,
      },
    ];
  }
  try {
    new Model(loaded.object).validate();
    return [];
  } catch (error: any) {
    const errors: AjvError[] = Array.isArray(error?.errors)
      ? error.errors
      : [
          {
            instancePath: '',
            keyword: 'schema',
            params: {},
            message: String(error?.message ?? error),
          },
        ];
    const seen = new Set<string>();
    return errors.flatMap(e => {
      const { field, problem } = describeAjvError(e);
      const key = `${field}|${problem}`;
      if (seen.has(key)) {
        return [];
      }
      seen.add(key);
      return [
        {
          rule: SCHEMA_RULE,
          severity: 'error' as const,
          object: loaded,
          field,
          problem,
        },
      ];
    });
  }
}
