/** One-time sign-in links by mail: asked for on the sign-in page, used once within 15 minutes. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { apiKeys, organizations, signInLinks, users } from '../../../db/schema';
import { runBatch } from '../../adapters/db/batch';
import { randomToken, sha256Hex } from '../../lib/crypto';
import type { ServiceContext } from '../context';
import { queueMailStatements } from '../notifications/queue';
import { later, type OpenedSession, safeReturnPath } from './index';

/** A mailed sign-in link works once, within this many minutes. */
export const LINK_MINUTES = 15;

export function signInLinkService(
  ctx: ServiceContext,
  open: (userId: string, keyId: string) => Promise<OpenedSession>,
) {
  const { db } = ctx;
  return {
    /**
     * Mails a one-time link to each person with this address who holds a working key (one person
     * may belong to several organizations). Says nothing about whether anyone did: the page answers
     * the same either way, so addresses cannot be probed.
     */
    async requestLink(email: string, returnTo: string): Promise<number> {
      const now = ctx.now();
      const people = await db
        .select({
          userId: users.id,
          name: users.name,
          email: users.email,
          organizationId: organizations.id,
          organizationName: organizations.name,
          keyId: sql<string>`min(${apiKeys.id})`,
        })
        .from(users)
        .innerJoin(apiKeys, and(eq(apiKeys.userId, users.id), isNull(apiKeys.revokedAt)))
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(
          and(
            sql`lower(${users.email}) = ${email.trim().toLowerCase()}`,
            isNull(organizations.deactivatedAt),
          ),
        )
        .groupBy(users.id);
      const statements = [];
      for (const p of people) {
        const token = randomToken(32);
        const id = await sha256Hex(token);
        statements.push(
          db.insert(signInLinks).values({
            id,
            userId: p.userId,
            keyId: p.keyId,
            returnTo: safeReturnPath(returnTo),
            createdAt: now,
            expiresAt: later(now, LINK_MINUTES * 60_000),
            usedAt: null,
          }),
          ...queueMailStatements(db, {
            key: `sign-in:${id}`,
            template: 'sign_in_link',
            recipient: {
              kind: 'user',
              id: p.userId,
              email: p.email,
              organizationId: p.organizationId,
              name: p.name,
            },
            data: { recipientName: p.name, organizationName: p.organizationName, token },
            now,
          }),
        );
      }
      await runBatch(db, statements);
      return people.length;
    },

    /** Uses a mailed link (once: the update that marks it used is the check); null when used, expired or unknown. */
    async redeemLink(token: string): Promise<(OpenedSession & { returnTo: string }) | null> {
      const now = ctx.now();
      const [link] = await db
        .update(signInLinks)
        .set({ usedAt: now })
        .where(
          and(
            eq(signInLinks.id, await sha256Hex(token)),
            isNull(signInLinks.usedAt),
            gt(signInLinks.expiresAt, now),
          ),
        )
        .returning();
      if (!link) return null;
      const [key] = await db
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(and(eq(apiKeys.id, link.keyId), isNull(apiKeys.revokedAt)));
      if (!key) return null;
      return { ...(await open(link.userId, link.keyId)), returnTo: link.returnTo };
    },
  };
}
