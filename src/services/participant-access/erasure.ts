/** What erasure removes of the participant's own way in (called inside the erasure batch). */
import { and, eq, isNull } from 'drizzle-orm';
import {
  participantAccessCodes,
  participantChanges,
  participantCheckIns,
  participantSessions,
} from '../../../db/schema';
import type { Db } from '../../adapters/db/types';

export function participantAccessErasure(db: Db, participantId: string, now: string) {
  return [
    // Corrections hold profile values before and after: gone with the profile.
    db.delete(participantChanges).where(eq(participantChanges.participantId, participantId)),
    db
      .update(participantCheckIns)
      .set({ note: null })
      .where(eq(participantCheckIns.participantId, participantId)),
    db
      .update(participantAccessCodes)
      .set({ revokedAt: now })
      .where(
        and(
          eq(participantAccessCodes.participantId, participantId),
          isNull(participantAccessCodes.revokedAt),
        ),
      ),
    db
      .update(participantSessions)
      .set({ endedAt: now })
      .where(and(eq(participantSessions.participantId, participantId), isNull(participantSessions.endedAt))),
  ] as const;
}
