import type { Content } from '../content/loadContent.js';
import { listFacts, type FactRecord } from '../content/listUnverifiedFacts.js';

/** A fact is stale when it was last checked longer ago than this. */
export const STALE_AFTER_MONTHS = 6;

/** How fresh the content's facts are: what a safeguarding lead re-checks next. */
export interface FreshnessReport {
  /** Facts last checked before this day (YYYY-MM-DD) are stale. */
  cutoff: string;
  /** Every sourced fact. */
  total: number;
  /** Stale facts, oldest first. */
  stale: FactRecord[];
  /** The oldest `checked` date of any fact, if there are facts. */
  oldest: string | undefined;
}

/**
 * Lists every fact (phone numbers, hours, eligibility, addresses…) last checked more than
 * six months before `today`, oldest first. Dates are compared as calendar days.
 */
export function freshnessReport(content: Content, today: Date): FreshnessReport {
  const cutoffDate = new Date(today);
  cutoffDate.setUTCMonth(cutoffDate.getUTCMonth() - STALE_AFTER_MONTHS);
  const cutoff = cutoffDate.toISOString().slice(0, 10);
  const facts = listFacts(content);
  const byAge = [...facts].sort((a, b) => a.checked.localeCompare(b.checked));
  return {
    cutoff,
    total: facts.length,
    stale: byAge.filter((fact) => fact.checked < cutoff),
    oldest: byAge[0]?.checked,
  };
}

/** The report's one-line summary, for the terminal and /admin. */
export function freshnessSummary(report: FreshnessReport): string {
  const oldest = report.oldest ? ` The oldest check is ${report.oldest}.` : '';
  return `${report.stale.length} of ${report.total} facts were last checked before ${report.cutoff} (over ${STALE_AFTER_MONTHS} months ago).${oldest}`;
}
