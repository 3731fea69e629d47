import { validateDockerfiles } from './dockerfiles';
import { objectId } from './objects';
import { loadManifests } from './load';
import { POLICY_RULES } from './rules';
import { schemaViolations } from './schema';
import type {
  Finding,
  LoadedObject,
  PolicyRule,
  Severity,
  ValidationResult,
  Violation,
} from './types';

export const YAML_RULE = 'yaml-syntax';
export const NO_OBJECTS_RULE = 'objects-present';

function toFinding(
  rule: string,
  severity: Severity,
  violation: Violation,
): Finding {
  const object = objectId(violation.object.object);
  return {
    rule,
    severity,
    object,
    file: violation.object.file,
    field: violation.field,
    problem: violation.problem,
    message: `${object} ${violation.field}: ${violation.problem}`,
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1 };

/** Errors first, then by file, object and field, so the table reads top-down. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.file.localeCompare(b.file) ||
      a.object.localeCompare(b.object) ||
      a.field.localeCompare(b.field) ||
      a.rule.localeCompare(b.rule),
  );
}

/** Schema and policy findings of a set of objects (the policy sees them all at once). */
export function validateObjects(
  objects: readonly LoadedObject[],
  rules: readonly PolicyRule[] = POLICY_RULES,
): Finding[] {
  const schema = objects.flatMap(o =>
    schemaViolations(o).map(v => toFinding(v.rule, v.severity, v)),
  );
  const policy = rules.flatMap(rule =>
    rule.check(objects).map(v => toFinding(rule.id, rule.severity, v)),
  );
  return sortFindings([...schema, ...policy]);
}

export function summarize(
  findings: readonly Finding[],
  objects: number,
  dockerfiles = 0,
): ValidationResult['summary'] {
  return {
    errors: findings.filter(f => f.severity === 'error').length,
    warnings: findings.filter(f => f.severity === 'warning').length,
    objects,
    dockerfiles,
  };
}

/**
 * Validates every Kubernetes object in the YAML files under root, and every
 * Dockerfile against the image checklist, into one list of findings.
 */
export async function validateDirectory(
  root: string,
): Promise<ValidationResult> {
  const { objects, problems } = await loadManifests(root);
  const findings: Finding[] = problems.map(p => ({
    rule: YAML_RULE,
    severity: 'error',
    object: '',
    file: p.file,
    field: '',
    problem: p.problem,
    message: `${p.file}: ${p.problem}`,
  }));
  if (objects.length === 0) {
    const problem = 'no Kubernetes objects found in any *.yaml file';
    findings.push({
      rule: NO_OBJECTS_RULE,
      severity: 'error',
      object: '',
      file: '.',
      field: '',
      problem,
      message: problem,
    });
  }
  const dockerfiles = await validateDockerfiles(root);
  const all = sortFindings([
    ...findings,
    ...validateObjects(objects),
    ...dockerfiles.findings,
  ]);
  return {
    findings: all,
    summary: summarize(all, objects.length, dockerfiles.files.length),
    files: [...new Set(objects.map(o => o.file))],
    dockerfiles: dockerfiles.files,
  };
}
