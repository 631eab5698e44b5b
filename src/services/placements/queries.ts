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
  /** The slot a proposal is for. */
  const slotById = preparedOnce(() =>
    db
      .select()
      .from(slots)
      .where(eq(slots.id, sql.placeholder('id')))
      .prepare(),
  );
  /**
   * The newest consent a participant gave an employer: one seek of consents_participant_employer_idx.
   * Every proposal adds a consent, so a pair's history (and a participant's) grows with each one; a
   * read of all of them per answer grew with it (under the load mix, the dearest read of a proposal).
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
    latestConsent,
    participantsById,
    hoursOf,
    checkInsOf,
    meetingsOf,
    historyOf,
  };
}
