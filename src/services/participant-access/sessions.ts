/**
 * A participant signing in with an access code, and the device session that follows: the same design
 * as web_sessions (a random token in an HttpOnly cookie, its SHA-256 in the database, a CSRF token
 * per session). A session lasts as long as its code: revoking or expiring the code, erasing the
 * participant or deactivating their organization ends it. Rate limits are the caller's (the page).
 */
import { and, eq, gt, isNull, lt, ne } from 'drizzle-orm';
import {
  auditLog,
  organizations,
  participantAccessCodes,
  participantSessions,
  participants,
} from '../../../db/schema';
import { randomToken, sha256Hex } from '../../lib/crypto';
import type { ServiceContext } from '../context';
import { type ParticipantSelf, selfAudit } from './audit';
import { codeHash, normaliseCode } from './code';

export interface ParticipantSession extends ParticipantSelf {
  csrfToken: string;
  expiresAt: string;
}

export function participantSessionService(ctx: ServiceContext) {
  const { db } = ctx;
  const live = (now: string) =>
    and(
      isNull(participantAccessCodes.revokedAt),
      gt(participantAccessCodes.expiresAt, now),
      ne(participants.status, 'erased'),
      isNull(organizations.deactivatedAt),
    );

  return {
    /** Opens a session for a working code; null for a wrong, expired or revoked one (the page says which it cannot). */
    async signIn(typed: string): Promise<{ token: string; expiresAt: string } | null> {
      const normalised = normaliseCode(typed);
      if (!normalised) return null;
      const now = ctx.now();
      const [code] = await db
        .select({
          id: participantAccessCodes.id,
          expiresAt: participantAccessCodes.expiresAt,
          participantId: participants.id,
          organizationId: participants.organizationId,
          handlerId: participants.handlerId,
        })
        .from(participantAccessCodes)
        .innerJoin(participants, eq(participants.id, participantAccessCodes.participantId))
        .innerJoin(organizations, eq(organizations.id, participants.organizationId))
        .where(and(eq(participantAccessCodes.codeHash, await codeHash(normalised)), live(now)));
      if (!code) return null;
      const token = randomToken(32);
      await db.batch([
        db.insert(participantSessions).values({
          id: await sha256Hex(token),
          participantId: code.participantId,
          codeId: code.id,
          csrfToken: randomToken(24),
          createdAt: now,
          expiresAt: code.expiresAt,
          endedAt: null,
        }),
        db
          .update(participantAccessCodes)
          .set({ lastUsedAt: now })
          .where(eq(participantAccessCodes.id, code.id)),
        db.insert(auditLog).values(selfAudit(code, 'participant_sign_in', now)),
        db.delete(participantSessions).where(lt(participantSessions.expiresAt, now)),
      ]);
      return { token, expiresAt: code.expiresAt };
    },

    /** The signed-in participant for a cookie's token, or null. */
    async resolve(token: string): Promise<ParticipantSession | null> {
      const now = ctx.now();
      const [row] = await db
        .select({
          participantId: participants.id,
          organizationId: participants.organizationId,
          handlerId: participants.handlerId,
          csrfToken: participantSessions.csrfToken,
          expiresAt: participantSessions.expiresAt,
        })
        .from(participantSessions)
        .innerJoin(participantAccessCodes, eq(participantAccessCodes.id, participantSessions.codeId))
        .innerJoin(participants, eq(participants.id, participantSessions.participantId))
        .innerJoin(organizations, eq(organizations.id, participants.organizationId))
        .where(
          and(
            eq(participantSessions.id, await sha256Hex(token)),
            isNull(participantSessions.endedAt),
            gt(participantSessions.expiresAt, now),
            live(now),
          ),
        );
      return row ?? null;
    },

    async end(token: string) {
      await db
        .update(participantSessions)
        .set({ endedAt: ctx.now() })
        .where(eq(participantSessions.id, await sha256Hex(token)));
    },
  };
}
