/**
 * A participant leaves the programme: the out-registration with its SUS category. One batch records
 * the exit, ends the participant and schedules the follow-ups at 3, 6 and 12 months. A participant
 * with a live placement cannot exit (409): end it with its outcome, or withdraw it, first.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { participantExits, participants, placements } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertParticipantAccess } from '../../auth/policy';
import { localDate } from '../../lib/local-time';
import { conflict, unprocessable } from '../../lib/problem';
import type { ServiceContext } from '../context';
import { isUniqueViolation } from '../db-errors';
import type { ParticipantService } from '../participants/index';
import { milestoneStatements } from './milestones';
import type { ExitCreate } from './schemas';

const alreadyExited = () => conflict('The participant’s exit is already recorded.', 'already-exited');

export const toExit = (e: typeof participantExits.$inferSelect) => ({
  participantId: e.participantId,
  date: e.date,
  outcome: e.outcome,
  recordedBy: e.recordedBy,
  recordedAt: e.recordedAt,
});
export type Exit = ReturnType<typeof toExit>;

export function recordExit(ctx: ServiceContext, participantsService: ParticipantService) {
  const { db } = ctx;
  return async (actor: Actor, participantId: string, input: ExitCreate) => {
    const p = await participantsService.load(actor, participantId, 'write');
    assertParticipantAccess(actor, p.organizationId, 'write', participantId);
    const now = ctx.now();
    const date = input.date ?? localDate(now);
    const registered = localDate(p.createdAt);
    if (date > localDate(now) || date < registered)
      throw unprocessable('The exit date does not fit.', [
        { path: 'date', message: `must be between the registration (${registered}) and today` },
      ]);
    const [existing] = await db
      .select({ id: participantExits.participantId })
      .from(participantExits)
      .where(eq(participantExits.participantId, participantId));
    if (existing) throw alreadyExited();
    const [live] = await db
      .select({ id: placements.id })
      .from(placements)
      .where(
        and(
          eq(placements.participantId, participantId),
          inArray(placements.state, ['proposed', 'accepted', 'started']),
        ),
      )
      .limit(1);
    if (live)
      throw conflict(
        `The participant has a live placement (${live.id}): end it with its outcome, or withdraw it, first.`,
        'live-placements',
      );
    const row = {
      participantId,
      providerOrganizationId: p.organizationId,
      date,
      outcome: input.outcome,
      recordedBy: actor.userId,
      recordedAt: now,
    };
    try {
      await db.batch([
        db.insert(participantExits).values(row),
        db
          .update(participants)
          .set({ status: 'ended', version: sql`${participants.version} + 1`, updatedAt: now })
          .where(eq(participants.id, participantId)),
        ...milestoneStatements(
          db,
          { participantId, providerOrganizationId: p.organizationId, cause: 'exit', baseDate: date },
          now,
        ),
      ]);
    } catch (err) {
      if (isUniqueViolation(err, 'participant_exits')) throw alreadyExited();
      throw err;
    }
    return toExit(row);
  };
}
