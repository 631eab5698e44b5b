/** The exits of the scope in a period, each with its follow-ups (one row per exit, aggregated in SQL). */
import { sql } from 'drizzle-orm';
import type { OutcomeCategory } from '../../../../db/schema';
import type { Db } from '../../../adapters/db/types';
import { type Period, scopeFilter } from '../facts';
import type { ReportScope } from '../table';
import type { PayoffExit } from './report';

export async function payoffExits(db: Db, scope: ReportScope, period: Period): Promise<PayoffExit[]> {
  const rows = await db.all<{ outcome: OutcomeCategory; followUps: string | null }>(sql`
    SELECT e.outcome,
      (SELECT group_concat(f.months || ':' || coalesce(f.situation, ''))
        FROM follow_ups f WHERE f.participant_id = e.participant_id AND f.cause = 'exit') AS followUps
    FROM participant_exits e JOIN participants p ON p.id = e.participant_id
    WHERE e.provider_organization_id = ${scope.providerId} AND ${scopeFilter(scope)}
      AND e.date BETWEEN ${period.from} AND ${period.to}`);
  return rows.map((r) => ({
    outcome: r.outcome,
    followUps: (r.followUps ? r.followUps.split(',') : []).map((x) => {
      const [months = '0', situation = ''] = x.split(':');
      return { months: Number(months), situation: situation || null };
    }),
  }));
}
