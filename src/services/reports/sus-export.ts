/**
 * The in- and out-registrations of a period in the shape the national follow-up of the coordination
 * associations (SUS) asks for: one row per participant registered or exited in the period, with the
 * registration and exit dates, the exit category (SUS's five), the days in the programme and the
 * follow-ups after the exit. Pseudonymous like the registry itself: the handler's own reference
 * (which SUS is given the person's identity against by the handler), never a name or an identity
 * number, and no health data. Row-level data of the caller's own participants, so not suppressed;
 * handlers get their own caseload's rows. Every column is described in both languages.
 */
import { sql } from 'drizzle-orm';
import type { OutcomeCategory } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { outcomeLabels } from '../placements/labels';
import { type Period, scopeFilter } from './facts';
import { daysBetween } from './stats';
import { type Label, label, type ReportScope } from './table';

export interface SusColumn {
  id: string;
  /** The header in the CSV: SUS's Swedish term. */
  name: string;
  description: Label;
}

export const susColumns: SusColumn[] = [
  {
    id: 'reference',
    name: 'Deltagarkod',
    description: label(
      'Handläggarens egen kod för deltagaren (pseudonym). Personnumret registreras i SUS av handläggaren, aldrig här.',
      'The handler’s own code for the participant (a pseudonym). The identity number is entered in SUS by the handler, never here.',
    ),
  },
  {
    id: 'participantId',
    name: 'Registrets id',
    description: label('Deltagarens id i registret.', 'The participant’s id in the registry.'),
  },
  {
    id: 'municipalityCode',
    name: 'Kommunkod',
    description: label(
      'Hemkommunens fyrsiffriga kod (SCB).',
      'The home municipality’s four-digit code (Statistics Sweden).',
    ),
  },
  {
    id: 'registeredOn',
    name: 'Inskrivningsdatum',
    description: label(
      'Dagen deltagaren skrevs in (ÅÅÅÅ-MM-DD).',
      'The day the participant was registered (YYYY-MM-DD).',
    ),
  },
  {
    id: 'exitOn',
    name: 'Utskrivningsdatum',
    description: label(
      'Dagen deltagaren skrevs ut; tomt om hen är kvar.',
      'The day the participant left; empty if still in the programme.',
    ),
  },
  {
    id: 'exitCategory',
    name: 'Avslutskod',
    description: label(
      'Sysselsättning vid avslut, kod: unsubsidized_work, subsidized_work, studies, job_seeking, other.',
      'Occupation at exit, code: unsubsidized_work, subsidized_work, studies, job_seeking, other.',
    ),
  },
  {
    id: 'exitCategoryText',
    name: 'Sysselsättning vid avslut',
    description: label(
      'Samma i ord: arbete utan stöd, arbete med stöd, studier, aktivt arbetssökande, annat.',
      'The same in words: unsubsidised work, subsidised work, studies, active job-seeking, other.',
    ),
  },
  {
    id: 'daysInProgramme',
    name: 'Dagar i insatsen',
    description: label('Dagar från inskrivning till utskrivning.', 'Days from registration to exit.'),
  },
  ...([3, 6, 12] as const).map((m) => ({
    id: `followUp${m}`,
    name: `Uppföljning ${m} mån`,
    description: label(
      `Var personen var ${m} månader efter avslutet (samma koder, eller not_reached); tomt om inte registrerat.`,
      `Where the person was ${m} months after the exit (the same codes, or not_reached); empty if not recorded.`,
    ),
  })),
];

export type SusRow = Record<string, string | number | null>;

interface Raw {
  id: string;
  reference: string;
  municipalityCode: string;
  registered: string;
  exitDate: string | null;
  outcome: OutcomeCategory | null;
  followUps: string | null;
}

/** Participants of the scope registered or exited in the period, oldest registration first. */
export async function susRows(db: Db, scope: ReportScope, period: Period): Promise<SusRow[]> {
  const rows = await db.all<Raw>(sql`
    SELECT p.id, p.reference, p.municipality_code AS municipalityCode,
      substr(p.created_at, 1, 10) AS registered, e.date AS exitDate, e.outcome,
      (SELECT group_concat(f.months || ':' || coalesce(f.situation, ''))
        FROM follow_ups f WHERE f.participant_id = p.id AND f.cause = 'exit') AS followUps
    FROM participants p LEFT JOIN participant_exits e ON e.participant_id = p.id
    WHERE ${scopeFilter(scope)} AND p.status <> 'erased'
      AND (substr(p.created_at, 1, 10) BETWEEN ${period.from} AND ${period.to}
        OR e.date BETWEEN ${period.from} AND ${period.to})
    ORDER BY p.created_at, p.id`);
  return rows.map((r) => {
    const follow = new Map(
      (r.followUps ? r.followUps.split(',') : []).map((x) => {
        const [m = '', s = ''] = x.split(':');
        return [m, s || null];
      }),
    );
    return {
      reference: r.reference,
      participantId: r.id,
      municipalityCode: r.municipalityCode,
      registeredOn: r.registered,
      exitOn: r.exitDate,
      exitCategory: r.outcome,
      exitCategoryText: r.outcome ? outcomeLabels[r.outcome].sv : null,
      daysInProgramme: r.exitDate ? daysBetween(r.registered, r.exitDate) : null,
      followUp3: follow.get('3') ?? null,
      followUp6: follow.get('6') ?? null,
      followUp12: follow.get('12') ?? null,
    };
  });
}
