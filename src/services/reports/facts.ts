/**
 * The thin data loaders every report shares: one row per participant with the dates of their first
 * steps, one per placement that ran in the period, one per follow-up of causes in the period. SQL
 * does the per-participant aggregation (indexed subqueries), so a report over 10,000 participants
 * reads 10,000 short rows; everything after this is pure computation.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { FollowUpCause, FollowUpSituation, OutcomeCategory, PlacementState } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import type { SlotKind } from '../../domain/vocabulary';
import type { ReportScope } from './table';

export interface Period {
  from: string;
  to: string;
}

/** The participants of the scope (alias `p`). */
export function scopeFilter(scope: ReportScope): SQL {
  return sql.join(
    [
      sql`p.organization_id = ${scope.providerId}`,
      ...(scope.handlerId ? [sql`p.handler_id = ${scope.handlerId}`] : []),
      ...(scope.municipalityCode ? [sql`p.municipality_code = ${scope.municipalityCode}`] : []),
    ],
    sql` AND `,
  );
}

export interface ParticipantFact {
  id: string;
  handlerId: string;
  municipalityCode: string;
  /** YYYY-MM-DD of registration. */
  registered: string;
  status: 'active' | 'ended' | 'erased';
  exitDate: string | null;
  exitOutcome: OutcomeCategory | null;
  /** When the participant stopped being active: the exit, or the last change of one ended without an exit. */
  endedOn: string | null;
  /** The first employer contact made for them: a logged contact naming them, or a proposal. */
  firstContact: string | null;
  firstStart: string | null;
  firstStartKind: SlotKind | null;
  /** A start on a competitive job, a hire into unsubsidized work, or an exit to it: the earliest. */
  firstCompetitiveJob: string | null;
}

interface ParticipantRow {
  id: string;
  handlerId: string;
  municipalityCode: string;
  registered: string;
  status: ParticipantFact['status'];
  updated: string;
  exitDate: string | null;
  exitOutcome: OutcomeCategory | null;
  firstLogged: string | null;
  firstProposal: string | null;
  firstStart: string | null;
  firstCompetitive: string | null;
}

const minDate = (...dates: (string | null)[]) =>
  dates.reduce<string | null>((m, d) => (d !== null && (m === null || d < m) ? d : m), null);

/** Every participant of the scope registered by `to`, with their first steps. */
export async function participantFacts(db: Db, scope: ReportScope, to: string): Promise<ParticipantFact[]> {
  const rows = await db.all<ParticipantRow>(sql`
    SELECT p.id, p.handler_id AS handlerId, p.municipality_code AS municipalityCode,
      substr(p.created_at, 1, 10) AS registered, p.status, substr(p.updated_at, 1, 10) AS updated,
      e.date AS exitDate, e.outcome AS exitOutcome,
      (SELECT min(c.date) FROM employer_contacts c WHERE c.participant_id = p.id) AS firstLogged,
      (SELECT substr(min(pl.proposed_at), 1, 10) FROM placements pl WHERE pl.participant_id = p.id) AS firstProposal,
      (SELECT pl.start_date || '|' || s.kind FROM placements pl JOIN slots s ON s.id = pl.slot_id
        WHERE pl.participant_id = p.id AND pl.start_date IS NOT NULL
        ORDER BY pl.start_date, pl.id LIMIT 1) AS firstStart,
      (SELECT min(CASE WHEN s.kind = 'competitive_job' THEN pl.start_date
                       WHEN pl.hired_by_employer = 1 AND pl.outcome = 'unsubsidized_work' THEN pl.end_date END)
        FROM placements pl JOIN slots s ON s.id = pl.slot_id
        WHERE pl.participant_id = p.id AND pl.start_date IS NOT NULL) AS firstCompetitive
    FROM participants p LEFT JOIN participant_exits e ON e.participant_id = p.id
    WHERE ${scopeFilter(scope)} AND substr(p.created_at, 1, 10) <= ${to}`);
  return rows.map((r) => {
    const [firstStart = null, kind = null] = r.firstStart ? r.firstStart.split('|') : [];
    return {
      id: r.id,
      handlerId: r.handlerId,
      municipalityCode: r.municipalityCode,
      registered: r.registered,
      status: r.status,
      exitDate: r.exitDate,
      exitOutcome: r.exitOutcome,
      endedOn: r.exitDate ?? (r.status === 'active' ? null : r.updated),
      firstContact: minDate(r.firstLogged, r.firstProposal),
      firstStart,
      firstStartKind: slotKindOf(kind),
      firstCompetitiveJob: minDate(
        r.firstCompetitive,
        r.exitOutcome === 'unsubsidized_work' ? r.exitDate : null,
      ),
    };
  });
}

const kinds: readonly SlotKind[] = [
  'work_training',
  'work_trial',
  'internship',
  'subsidized_job',
  'competitive_job',
];
const slotKindOf = (k: string | null) => kinds.find((x) => x === k) ?? null;

/** Active at some time in the period: registered by its end, not ended before its start. */
export const activeIn = (p: ParticipantFact, period: Period) =>
  p.registered <= period.to && (p.endedOn === null || p.endedOn >= period.from);

export const inPeriod = (date: string | null, period: Period) =>
  date !== null && date >= period.from && date <= period.to;

export interface PlacementFact {
  id: string;
  participantId: string;
  municipalityCode: string;
  kind: SlotKind;
  ssyk: string | null;
  employerId: string;
  state: PlacementState;
  startDate: string;
  endDate: string | null;
  outcome: OutcomeCategory | null;
  hired: boolean;
}

/** The placements of the scope's participants that were running at some time in the period. */
export async function placementFacts(db: Db, scope: ReportScope, period: Period): Promise<PlacementFact[]> {
  const rows = await db.all<Omit<PlacementFact, 'hired'> & { hired: number | null }>(sql`
    SELECT pl.id, pl.participant_id AS participantId, p.municipality_code AS municipalityCode,
      s.kind, s.ssyk, pl.employer_organization_id AS employerId, pl.state,
      pl.start_date AS startDate, pl.end_date AS endDate, pl.outcome, pl.hired_by_employer AS hired
    FROM placements pl
      JOIN participants p ON p.id = pl.participant_id
      JOIN slots s ON s.id = pl.slot_id
    WHERE pl.provider_organization_id = ${scope.providerId} AND ${scopeFilter(scope)}
      AND pl.start_date IS NOT NULL AND pl.start_date <= ${period.to}
      AND (pl.end_date IS NULL OR pl.end_date >= ${period.from})`);
  return rows.map((r) => ({ ...r, hired: r.hired === 1 }));
}

export interface MilestoneFact {
  cause: FollowUpCause;
  months: number;
  dueDate: string;
  situation: FollowUpSituation | null;
}

/** Follow-ups of the exits and hires that happened in the period. */
export async function milestoneFacts(db: Db, scope: ReportScope, period: Period): Promise<MilestoneFact[]> {
  return db.all<MilestoneFact>(sql`
    SELECT f.cause, f.months, f.due_date AS dueDate, f.situation
    FROM follow_ups f JOIN participants p ON p.id = f.participant_id
    WHERE f.provider_organization_id = ${scope.providerId} AND ${scopeFilter(scope)}
      AND f.base_date BETWEEN ${period.from} AND ${period.to}`);
}
