/** The handler answers a follow-up: where the person is now. Recording again corrects the answer. */
import { eq } from 'drizzle-orm';
import { followUps } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertProviderRole } from '../../auth/policy';
import { localDate } from '../../lib/local-time';
import { notFound, unprocessable } from '../../lib/problem';
import type { ServiceContext } from '../context';
import type { ParticipantService } from '../participants/index';
import type { FollowUpRecord } from './schemas';
import { toFollowUp } from './view';

export function recordFollowUp(ctx: ServiceContext, participantsService: ParticipantService) {
  const { db } = ctx;
  return async (actor: Actor, id: string, input: FollowUpRecord) => {
    assertProviderRole(actor, ['handler', 'admin'], 'record follow-ups');
    const [row] = await db.select().from(followUps).where(eq(followUps.id, id));
    if (!row) throw notFound('Follow-up', id);
    // Another organization's follow-up answers 404, as its participant does.
    const p = await participantsService.load(actor, row.participantId, 'write');
    const now = ctx.now();
    const date = input.date ?? localDate(now);
    if (date > localDate(now) || date < row.baseDate)
      throw unprocessable('The date does not fit.', [
        { path: 'date', message: `must be between ${row.baseDate} and today` },
      ]);
    const changes = {
      situation: input.situation,
      situationDate: date,
      recordedBy: actor.userId,
      recordedAt: now,
    };
    await db.update(followUps).set(changes).where(eq(followUps.id, id));
    return toFollowUp({ ...row, ...changes }, p.reference, now);
  };
}
