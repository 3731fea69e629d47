/**
 * Test utilities of the portal backend, for other packages' tests and the
 * benches: `backend/testUtils`. They drive the portal as its users do (the
 * Create page's form values, the Template Editor's upload, polling for the
 * state a request leads to). The backend's own tests use them too, with the
 * helpers only they need under src/__testUtils__.
 *
 * @packageDocumentation
 */
export { eventually, freePort } from './polling';
export {
  expectedStepStatuses,
  readTemplate,
  submittedValues,
  templateDirectoryContents,
  type TemplateDocument,
} from './templateForm';
export type { DryRunResult } from './dryRun';
export {
  APP_CONFIG_FILE,
  REPO_ROOT,
  TEMPLATE_FILE,
  TEMPLATE_REF,
} from './paths';
export {
  entityExists,
  startPortalInProcess,
  type PortalApi,
  type PortalInProcess,
} from './portalInProcess';
