/**
 * The reads behind every placement answer (a proposal, a transition, a placement read) and the slot a
 * proposal is for, prepared once
 * per app (services/prepared.ts): they run several times per request under load.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  consents,
  participants,
  placementCheckIns,
  placementHours,
  placementMeetings,
  placements,
  placementTransitions,
  slots,
} from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { listPlaceholders, preparedByShape, preparedOnce } from '../prepared';

export function placementQueries(db: Db) {
  const byPlacement = sql.placeholder('placement');

  const placementById = preparedOnce(() =>
    db
      .select()
      .from(placements)
      .where(eq(placements.id, sql.placeholder('id')))
      .prepare(),
  );
  /**
   * The slot a proposal is for: what the proposal uses of it (the whole row carries matching's and
   * search's columns, five of them JSON parsed on every read).
   */
  const slotById = preparedOnce(() =>
    db
      .select({ id: slots.id, status: slots.status, organizationId: slots.organizationId })
      .from(slots)
      .where(eq(slots.id, sql.placeholder('id')))
      .prepare(),
  );
  /**
   * The newest consent each (participant, employer) pair gave, for a JSON list of pairs: one seek of
   * consents_participant_employer_idx per pair, in one statement. Every proposal adds a consent, so
   * a pair's history (and a participant's) grows with each one; a read of all of them per answer
   * grew with it (under the load mix, the dearest read of a proposal). One statement, not one per
   * pair: on D1 each statement is a call, and a page of placements would pass Free's 50.
   */
  const latestConsents = preparedOnce(() =>
    db
      .select()
      .from(consents)
      .where(
        sql`${consents.id} IN (SELECT (SELECT latest.id FROM consents AS latest
          WHERE latest.participant_id = json_extract(pair.value, '$[0]')
            AND latest.employer_organization_id = json_extract(pair.value, '$[1]')
          ORDER BY latest.id DESC LIMIT 1) FROM json_each(${sql.placeholder('pairs')}) AS pair)`,
      )
      .prepare(),
  );
  /**
   * The newest consent of one (participant, employer) pair: one placement's answer (a move, a read)
   * asks for one pair, and this seek of consents_participant_employer_idx costs less than the list
   * form above with its JSON and nested subquery (the dearest read of a move's answer).
   */
  const latestConsent = preparedOnce(() =>
    db
      .select()
      .from(consents)
      .where(
        and(
          eq(consents.participantId, sql.placeholder('participant')),
          eq(consents.employerOrganizationId, sql.placeholder('employer')),
        ),
      )
      .orderBy(desc(consents.id))
      .limit(1)
      .prepare(),
  );
  const participantsById = preparedByShape(
    (n: number) =>
      db
        .select()
        .from(participants)
        .where(inArray(participants.id, listPlaceholders('participant', n)))
        .prepare(),
    101,
  );
  const hoursOf = preparedOnce(() =>
    db
      .select()
      .from(placementHours)
      .where(eq(placementHours.placementId, byPlacement))
      .orderBy(asc(placementHours.weekStart))
      .prepare(),
  );
  const checkInsOf = preparedOnce(() =>
    db
      .select()
      .from(placementCheckIns)
      .where(eq(placementCheckIns.placementId, byPlacement))
      .orderBy(asc(placementCheckIns.date), asc(placementCheckIns.id))
      .prepare(),
  );
  const meetingsOf = preparedOnce(() =>
    db
      .select()
      .from(placementMeetings)
      .where(eq(placementMeetings.placementId, byPlacement))
      .orderBy(asc(placementMeetings.date), asc(placementMeetings.id))
      .prepare(),
  );
  const historyOf = preparedOnce(() =>
    db
      .select()
      .from(placementTransitions)
      .where(eq(placementTransitions.placementId, byPlacement))
      .orderBy(asc(placementTransitions.id))
      .prepare(),
  );

  return {
    placementById,
    slotById,
    latestConsents,
    latestConsent,
    participantsById,
    hoursOf,
    checkInsOf,
    meetingsOf,
    historyOf,
  };
}
