import type { ScaffolderDryRunResponse } from '@backstage/plugin-scaffolder-common';

/** What POST /api/scaffolder/v2/dry-run answers: the log, the files written, the output and the steps. */
export type DryRunResult = ScaffolderDryRunResponse;
