/** How bad a finding is: errors fail the validation gate, warnings are reported only. */
export type Severity = 'error' | 'warning';

/** A Kubernetes object as read from a YAML file. Fields are untrusted: rules check their types. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** An object and where it was read from. */
export interface LoadedObject {
  object: ManifestObject;
  /** Path relative to the validated folder, POSIX separators. */
  file: string;
  /** 0-based index of the document in its file. */
  document: number;
}

/** A problem a rule found in one object, at one field. */
export interface Violation {
  object: LoadedObject;
  /** Dotted field path inside the object, e.g. `spec.template.spec.containers[0].image`. */
  field: string;
  /** What is wrong and what is expected, without the object's name (the finding adds it). */
  problem: string;
}

/** The unit of the validation report. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** `Kind/namespace/name` (or `Kind/name` without a namespace); empty for file-level findings. */
  object: string;
  file: string;
  /** A dotted field path in the object; `line N` for a Dockerfile. */
  field: string;
  problem: string;
  /** One sentence naming the object and the field: what a log line or a CI annotation shows. */
  message: string;
}

export interface ValidationSummary {
  errors: number;
  warnings: number;
  /** Kubernetes objects checked against their schemas and the policy. */
  objects: number;
  /** Dockerfiles checked against the image checklist. */
  dockerfiles: number;
}

export interface ValidationResult {
  findings: Finding[];
  summary: ValidationSummary;
  /** Files that held at least one Kubernetes object, relative to the validated folder. */
  files: string[];
  /** Dockerfiles checked, relative to the validated folder. */
  dockerfiles: string[];
}

/**
 * One policy check. Rules are pure: they look at the objects (some at several,
 * e.g. "every workload has a PodDisruptionBudget") and return violations.
 */
export interface PolicyRule {
  id: string;
  severity: Severity;
  /** What the rule requires and why, for the report's legend and the docs. */
  description: string;
  check(objects: readonly LoadedObject[]): Violation[];
}
