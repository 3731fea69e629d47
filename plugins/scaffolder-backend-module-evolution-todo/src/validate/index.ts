export { validateDirectory, validateObjects, summarize } from './validate';
export { loadManifests, parseManifest } from './load';
export {
  formatFindingsTable,
  formatMarkdownReport,
  summaryLine,
} from './report';
export { POLICY_RULES } from './rules';
export type {
  Finding,
  LoadedObject,
  ManifestObject,
  PolicyRule,
  Severity,
  ValidationResult,
  ValidationSummary,
} from './types';
