import type { JsonObject } from '@backstage/types';

/** What POST /api/scaffolder/v2/dry-run answers: the log, the files written, the output and the steps. */
export interface DryRunResult {
  log: Array<{ body: { message: string; stepId?: string; status?: string } }>;
  directoryContents: Array<{
    path: string;
    base64Content: string;
    executable?: boolean;
  }>;
  output: JsonObject;
  steps: Array<{ id: string; name: string; action: string }>;
}
