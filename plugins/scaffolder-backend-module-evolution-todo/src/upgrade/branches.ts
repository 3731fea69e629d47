/**
 * The branch of a generated repository that holds the template's pure
 * renders, one commit per render (first the repository's initial commit).
 * The team never commits here: an upgrade adds the next render and merges it,
 * so the merge base is always the render the team's branch last took in.
 */
export const TEMPLATE_BRANCH = 'evolution-todo/template';

/** The branch an upgrade to a template version merges into, off the team's branch. */
export function upgradeBranch(templateVersion: string): string {
  return `evolution-todo/upgrade-${templateVersion}`;
}

/** The message of a render commit on the template branch. */
export function renderCommitMessage(templateVersion: string): string {
  return `evolution-todo template ${templateVersion}: render with the recorded parameters`;
}
