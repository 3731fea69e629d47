import type {
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { createRecordingContext, type CheckpointState } from './actionContext';
import YAML from 'yaml';

export interface ActionRun {
  outputs: Record<string, any>;
  /** Every message the action logged, in order (all levels). */
  logs: string[];
  /** The checkpoint state after the run, to hand to a retried run. */
  checkpoints: CheckpointState;
}

/**
 * Runs an action's handler as the scaffolder would: a mock ActionContext on a
 * real workspace folder, with the logs and outputs collected.
 */
export async function runAction(
  action: TemplateAction<any, any, any>,
  input: Record<string, unknown>,
  options: {
    workspacePath: string;
    isDryRun?: boolean;
    /** The checkpoint state of an earlier run, as a recovered task has it. */
    checkpoints?: CheckpointState;
  },
): Promise<ActionRun> {
  const { ctx, logs, outputs, checkpoints } = createRecordingContext({
    input,
    workspacePath: options.workspacePath,
    isDryRun: options.isDryRun ?? false,
    checkpoints: options.checkpoints,
  });
  const messages = () => logs.map(entry => entry.message);
  try {
    await action.handler(ctx);
  } catch (error) {
    Object.assign(error as object, {
      run: { outputs, logs: messages(), checkpoints },
    });
    throw error;
  }
  return { outputs, logs: messages(), checkpoints };
}

/**
 * Runs the steps of a TemplateExample in one workspace, each with its action,
 * replacing the template expression `${{ parameters }}` with `parameters`
 * (the only expression our examples use). Returns each step's run by id.
 */
export async function runExample(
  example: TemplateExample,
  actions: TemplateAction<any, any, any>[],
  options: { workspacePath: string; parameters: Record<string, unknown> },
): Promise<Record<string, ActionRun>> {
  const { steps } = YAML.parse(example.example) as {
    steps: { id: string; action: string; input?: Record<string, unknown> }[];
  };
  const runs: Record<string, ActionRun> = {};
  for (const step of steps) {
    const action = actions.find(a => a.id === step.action);
    if (!action) {
      throw new Error(
        `example step ${step.id} uses ${step.action}, which is not among the actions`,
      );
    }
    const input = Object.fromEntries(
      Object.entries(step.input ?? {}).map(([key, value]) => [
        key,
        value === '${{ parameters }}' ? options.parameters : value,
      ]),
    );
    runs[step.id] = await runAction(action, input, {
      workspacePath: options.workspacePath,
    });
  }
  return runs;
}
