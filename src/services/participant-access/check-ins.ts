/**
 * The participant's weekly check-in: how the week went (1–5) and a short note, never health data (the
 * schema's privacy filter refuses it). One per week; sending again that week corrects it. It belongs
 * to the placement under way, if any, and the handler sees it on the participant's page.
 */
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, participantCheckIns, placements } from '../../../db/schema';
import { newId } from '../../lib/ids';
import { addDays, localDate } from '../../lib/local-time';
import type { ServiceContext } from '../context';
import { type ParticipantSelf, selfAudit } from './audit';
import type { WeeklyCheckIn } from './schemas';

/** Monday of the local week that holds this instant. */
export function weekOf(now: string) {
  const today = localDate(now);
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, -weekday);
}

export function participantCheckInService(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    async record(me: ParticipantSelf, input: WeeklyCheckIn) {
      const now = ctx.now();
      const weekStart = weekOf(now);
      const [current] = await db
        .select({ id: placements.id })
        .from(placements)
        .where(and(eq(placements.participantId, me.participantId), eq(placements.state, 'started')))
        .orderBy(desc(placements.id))
        .limit(1);
      const values = {
        id: newId('event'),
        participantId: me.participantId,
        placementId: current?.id ?? null,
        weekStart,
        rating: input.rating,
        note: input.note ?? null,
        createdAt: now,
        updatedAt: now,
      };
      await db.batch([
        db
          .insert(participantCheckIns)
          .values(values)
          .onConflictDoUpdate({
            target: [participantCheckIns.participantId, participantCheckIns.weekStart],
            set: {
              rating: values.rating,
              note: values.note,
              placementId: values.placementId,
              updatedAt: now,
            },
          }),
        db.insert(auditLog).values(
          selfAudit(me, 'participant_check_in', now, {
            fields: input.note ? ['rating', 'note'] : ['rating'],
            placementId: values.placementId ?? undefined,
          }),
        ),
      ]);
      return { weekStart, rating: values.rating, note: values.note };
    },

    /** The participant's own check-ins, newest first. */
    async list(participantId: string, limit = 12) {
      return db
        .select()
        .from(participantCheckIns)
        .where(eq(participantCheckIns.participantId, participantId))
        .orderBy(desc(participantCheckIns.weekStart))
        .limit(limit);
    },
  };
}
