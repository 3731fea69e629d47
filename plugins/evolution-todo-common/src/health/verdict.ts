import type { Verdict } from './types';

const SEVERITY: Record<Verdict, number> = {
  Healthy: 0,
  Unknown: 1,
  Degraded: 2,
  Down: 3,
};

/** The worse of the verdicts; Healthy for none. */
export function worstVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst: Verdict = 'Healthy';
  for (const verdict of verdicts) {
    if (SEVERITY[verdict] > SEVERITY[worst]) worst = verdict;
  }
  return worst;
}

export function verdictSeverity(verdict: Verdict): number {
  return SEVERITY[verdict];
}
