/**
 * The handler's side of access codes: issue one for a participant (the code is in this answer only),
 * list them without the secret, revoke one (its devices are signed out at once). Handlers and admins
 * of the participant's organization; anyone else gets 404, as for the participant.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { auditLog, participantAccessCodes, participantSessions } from '../../../db/schema';
import type { Actor, Member } from '../../auth/actor';
import { newId } from '../../lib/ids';
import { notFound } from '../../lib/problem';
import type { ServiceContext } from '../context';
import type { ParticipantService } from '../participants/index';
import { auditValues } from '../placements/audit';
import { codeHash, newAccessCode, normaliseCode } from './code';
import type { AccessCodeCreate } from './schemas';

type CodeRow = typeof participantAccessCodes.$inferSelect;

export const toAccessCode = (r: CodeRow, now: string) => ({
  id: r.id,
  participantId: r.participantId,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  revokedAt: r.revokedAt,
  lastUsedAt: r.lastUsedAt,
  status: r.revokedAt
    ? ('revoked' as const)
    : r.expiresAt <= now
      ? ('expired' as const)
      : ('active' as const),
});
export type AccessCode = ReturnType<typeof toAccessCode>;

export function accessCodeService(ctx: ServiceContext, participants: ParticipantService) {
  const { db } = ctx;
  const audit = (
    actor: Member,
    p: { id: string; organizationId: string },
    action: 'access_code_issue' | 'access_code_revoke',
    now: string,
  ) =>
    db
      .insert(auditLog)
      .values(
        auditValues(
          { actor, participantId: p.id, providerOrganizationId: p.organizationId, action, fields: [] },
          now,
        ),
      );

  return {
    async issue(actor: Actor, participantId: string, input: AccessCodeCreate) {
      const p = await participants.load(actor, participantId, 'write');
      const member = actor as Member;
      const now = ctx.now();
      const code = newAccessCode();
      const row: CodeRow = {
        id: newId('accessCode'),
        participantId: p.id,
        organizationId: p.organizationId,
        codeHash: await codeHash(normaliseCode(code)!),
        createdBy: member.userId,
        createdAt: now,
        expiresAt: new Date(Date.parse(now) + input.validDays * 86_400_000).toISOString(),
        revokedAt: null,
        revokedBy: null,
        lastUsedAt: null,
      };
      await db.batch([
        db.insert(participantAccessCodes).values(row),
        audit(member, p, 'access_code_issue', now),
      ]);
      return { ...toAccessCode(row, now), code };
    },

    async list(actor: Actor, participantId: string) {
      const p = await participants.load(actor, participantId, 'read');
      const now = ctx.now();
      const rows = await db
        .select()
        .from(participantAccessCodes)
        .where(eq(participantAccessCodes.participantId, p.id))
        .orderBy(desc(participantAccessCodes.id));
      return rows.map((r) => toAccessCode(r, now));
    },

    /** Revokes the code and ends every device session opened with it. Revoking twice is harmless. */
    async revoke(actor: Actor, participantId: string, codeId: string) {
      const p = await participants.load(actor, participantId, 'write');
      const [row] = await db
        .select()
        .from(participantAccessCodes)
        .where(and(eq(participantAccessCodes.id, codeId), eq(participantAccessCodes.participantId, p.id)));
      if (!row) throw notFound('Access code', codeId);
      const now = ctx.now();
      if (!row.revokedAt)
        await db.batch([
          db
            .update(participantAccessCodes)
            .set({ revokedAt: now, revokedBy: (actor as Member).userId })
            .where(and(eq(participantAccessCodes.id, codeId), isNull(participantAccessCodes.revokedAt))),
          db
            .update(participantSessions)
            .set({ endedAt: now })
            .where(and(eq(participantSessions.codeId, codeId), isNull(participantSessions.endedAt))),
          audit(actor as Member, p, 'access_code_revoke', now),
        ]);
      return toAccessCode({ ...row, revokedAt: row.revokedAt ?? now }, now);
    },
  };
}
