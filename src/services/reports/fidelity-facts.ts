/** The loaders the IPS process figures need beyond the shared facts: caseloads, contacts, follow-along. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../adapters/db/types';
import { type Period, scopeFilter } from './facts';
import type { ReportScope } from './table';

export interface Caseload {
  handlerId: string;
  name: string;
  active: number;
}

/** Active participants per handler now: every handler of the scope, and anyone else with a caseload. */
export async function caseloads(db: Db, scope: ReportScope): Promise<Caseload[]> {
  return db.all<Caseload>(sql`
    SELECT u.id AS handlerId, u.name,
      (SELECT count(*) FROM participants p WHERE p.handler_id = u.id AND p.status = 'active'
        AND ${scopeFilter(scope)}) AS active
    FROM users u
    WHERE u.organization_id = ${scope.providerId}
      ${scope.handlerId ? sql`AND u.id = ${scope.handlerId}` : sql``}
      AND (u.role = 'handler' OR EXISTS (SELECT 1 FROM participants p WHERE p.handler_id = u.id
        AND p.status = 'active' AND ${scopeFilter(scope)}))
    ORDER BY u.name, u.id`);
}

/** Employer contacts logged in the period by each person of the scope. */
export async function contactsPerUser(db: Db, scope: ReportScope, period: Period) {
  return db.all<{ userId: string; contacts: number }>(sql`
    SELECT c.user_id AS userId, count(*) AS contacts FROM employer_contacts c
    WHERE c.provider_organization_id = ${scope.providerId}
      ${scope.handlerId ? sql`AND c.user_id = ${scope.handlerId}` : sql``}
      AND c.date BETWEEN ${period.from} AND ${period.to}
    GROUP BY c.user_id`);
}

export interface FollowAlongFact {
  id: string;
  start: string;
  /** The end date, or today for a running placement. */
  stop: string;
  /** Check-in dates from the start to the stop, sorted. */
  checkIns: string[];
}

/** Placements started in the period, with their check-in dates (aggregated per placement in SQL). */
export async function followAlongFacts(
  db: Db,
  scope: ReportScope,
  period: Period,
  today: string,
): Promise<FollowAlongFact[]> {
  const rows = await db.all<{ id: string; start: string; stop: string; dates: string | null }>(sql`
    SELECT pl.id, pl.start_date AS start, coalesce(pl.end_date, ${today}) AS stop,
      (SELECT group_concat(c.date) FROM placement_check_ins c
        WHERE c.placement_id = pl.id AND c.date >= pl.start_date
          AND c.date <= coalesce(pl.end_date, ${today})) AS dates
    FROM placements pl JOIN participants p ON p.id = pl.participant_id
    WHERE pl.provider_organization_id = ${scope.providerId} AND ${scopeFilter(scope)}
      AND pl.start_date BETWEEN ${period.from} AND ${period.to}`);
  return rows.map((r) => ({
    id: r.id,
    start: r.start,
    stop: r.stop,
    checkIns: r.dates ? r.dates.split(',').sort() : [],
  }));
}
