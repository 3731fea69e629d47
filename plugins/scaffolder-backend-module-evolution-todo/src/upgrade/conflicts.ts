import fs from 'node:fs/promises';
import path from 'node:path';
import { runGit } from './git';

/** How a file conflicts, from the team's side ("here") and the template's. */
export type ConflictKind =
  | 'both changed'
  | 'both added'
  | 'deleted here, changed by the template'
  | 'changed here, deleted by the template'
  | 'deleted on both sides';

/** A file the merge could not settle: left with conflict markers, or kept as the team had it. */
export interface Conflict {
  path: string;
  kind: ConflictKind;
  /** Conflicting hunks marked with <<<<<<< … >>>>>>> in the file (0 when there is no text to mark). */
  hunks: number;
}

/** `git status --porcelain` codes of unmerged paths (ours = the team's branch, theirs = the template). */
const UNMERGED: Record<string, ConflictKind> = {
  UU: 'both changed',
  AA: 'both added',
  DU: 'deleted here, changed by the template',
  UD: 'changed here, deleted by the template',
  DD: 'deleted on both sides',
  AU: 'both added',
  UA: 'both added',
};

const MARKER = /^<{7}(?: |$)/gm;

/** The unmerged paths of a merge that stopped, with the hunks git marked in each. */
export async function listConflicts(worktree: string): Promise<Conflict[]> {
  const { stdout } = await runGit(
    ['status', '--porcelain=v1', '-z', '--untracked-files=no'],
    {
      cwd: worktree,
    },
  );
  const conflicts: Conflict[] = [];
  const entries = stdout.split('\0').filter(Boolean);
  for (const entry of entries) {
    const kind = UNMERGED[entry.slice(0, 2)];
    if (!kind) continue;
    const file = entry.slice(3);
    const text = await fs
      .readFile(path.join(worktree, file), 'utf8')
      .catch(() => '');
    conflicts.push({
      path: file,
      kind,
      hunks: (text.match(MARKER) ?? []).length,
    });
  }
  return conflicts.sort((a, b) => a.path.localeCompare(b.path));
}

/** One line per conflict, as the CLI prints them and the merge commit lists them. */
export function describeConflict(conflict: Conflict): string {
  const hunks =
    conflict.hunks > 0
      ? `, ${conflict.hunks} hunk${conflict.hunks === 1 ? '' : 's'} marked`
      : '';
  return `${conflict.path} (${conflict.kind}${hunks})`;
}
