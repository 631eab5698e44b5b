/**
 * The participant's own way in, without storing who they are:
 * - codes.ts: a handler issues, lists and revokes access codes (code.ts: their shape and hash),
 * - sessions.ts: a participant signs in with a code; the device keeps a session,
 * - self.ts: their profile (and corrections), consents (and withdrawing them), placements,
 * - check-ins.ts: the weekly check-in, requests.ts: export and erasure requests the handler confirms.
 * `forHandler` is what the handler's participant page shows of all this.
 */
import { desc, eq } from 'drizzle-orm';
import { auditLog, participantChanges } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import type { ServiceContext } from '../context';
import type { ParticipantService } from '../participants/index';
import { type ParticipantSelf, selfAudit } from './audit';
import { participantCheckInService } from './check-ins';
import { accessCodeService } from './codes';
import { participantRequestService } from './requests';
import { participantSelfService } from './self';
import { participantSessionService } from './sessions';

export type { ParticipantSession } from './sessions';
export type { ParticipantSelf };

export function participantAccessService(ctx: ServiceContext, participants: ParticipantService) {
  const codes = accessCodeService(ctx, participants);
  const checkIns = participantCheckInService(ctx);
  const requests = participantRequestService(ctx, participants);
  return {
    codes,
    sessions: participantSessionService(ctx),
    self: participantSelfService(ctx),
    checkIns,
    requests,

    /** Records something the participant did through another service (their agreement approval). */
    async audit(me: ParticipantSelf, action: 'participant_approve', placementId: string, fields: string[]) {
      await ctx.db.insert(auditLog).values(selfAudit(me, action, ctx.now(), { placementId, fields }));
    },

    /** For the handler's participant page: codes, the participant's corrections, check-ins and requests. */
    async forHandler(actor: Actor, participantId: string) {
      const codeList = await codes.list(actor, participantId);
      const [changes, weekly, requestList] = await Promise.all([
        ctx.db
          .select()
          .from(participantChanges)
          .where(eq(participantChanges.participantId, participantId))
          .orderBy(desc(participantChanges.id))
          .limit(20),
        checkIns.list(participantId),
        requests.listOf(participantId),
      ]);
      return { codes: codeList, changes, checkIns: weekly, requests: requestList };
    },
  };
}

export type ParticipantAccessService = ReturnType<typeof participantAccessService>;
