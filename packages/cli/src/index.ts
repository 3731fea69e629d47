/**
 * The CLI's library side, for this workspace's benches: the render and
 * validate actions in the template's order, and the ActionContext the CLI
 * runs them with. The command itself is src/main.ts, built into the bin.
 *
 * @packageDocumentation
 */
export { renderPipeline } from './commands';
export { createCliActionContext } from './actionContext';
export type { CliActionContext } from './actionContext';
