/**
 * The reads behind every placement answer (a proposal, a transition, a placement read), prepared once
 * per app (services/prepared.ts): they run several times per request under load.
 */
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  consents,
  participants,
  placementCheckIns,
  placementHours,
  placementMeetings,
  placements,
  placementTransitions,
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
  /** Per number of participants (lists: up to a page and one; longer ones are built per call). */
  const consentsOf = preparedByShape(
    (n: number) =>
      db
        .select()
        .from(consents)
        .where(inArray(consents.participantId, listPlaceholders('participant', n)))
        .orderBy(desc(consents.id))
        .prepare(),
    101,
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

  return { placementById, consentsOf, participantsById, hoursOf, checkInsOf, meetingsOf, historyOf };
}
