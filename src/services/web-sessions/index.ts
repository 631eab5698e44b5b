/**
 * Web sign-in and sessions (the pages in src/pages). A browser signs in with an API key or with a
 * one-time link mailed to a person who holds a key; either opens a server-side session whose random
 * token is the cookie. Only SHA-256 hashes of tokens are stored. A session acts as the person of the
 * key it was opened with, and is checked against that key on every request: revoking the key or
 * deactivating the organization ends it at once.
 */
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { apiKeys, organizations, signInLinks, users, webSessions } from '../../../db/schema';
import type { Member } from '../../auth/actor';
import { randomToken, sha256Hex } from '../../lib/crypto';
import type { ApiKeyService } from '../api-keys';
import type { ServiceContext } from '../context';
import { signInLinkService } from './links';

/** A session lasts this long from sign-in, however active; then the person signs in again. */
export const SESSION_HOURS = 12;

export interface OpenedSession {
  /** The cookie's value (shown once; the database holds its hash). */
  token: string;
  expiresAt: string;
}

export interface WebSession {
  actor: Member;
  userName: string;
  organizationName: string;
  csrfToken: string;
  expiresAt: string;
}

export const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Only a path on this site (never `//host` or a scheme) may be a page to return to. */
export function safeReturnPath(path: string | undefined | null): string {
  if (!path?.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  return path.slice(0, 500);
}

export function webSessionService(ctx: ServiceContext, apiKeyService: ApiKeyService) {
  const { db } = ctx;

  async function open(userId: string, keyId: string): Promise<OpenedSession> {
    const now = ctx.now();
    const token = randomToken(32);
    const expiresAt = later(now, SESSION_HOURS * 3600_000);
    await db.batch([
      db.insert(webSessions).values({
        id: await sha256Hex(token),
        userId,
        keyId,
        csrfToken: randomToken(24),
        createdAt: now,
        expiresAt,
        endedAt: null,
      }),
      // Ended and expired sessions and links are of no use: dropped as new ones open (indexed).
      db.delete(webSessions).where(lt(webSessions.expiresAt, now)),
      db.delete(signInLinks).where(lt(signInLinks.expiresAt, now)),
    ]);
    return { token, expiresAt };
  }

  return {
    /** Signs in with an API key; null for an unknown or revoked key, or the operator's key (no person). */
    async openWithKey(key: string): Promise<OpenedSession | null> {
      const actor = await apiKeyService.authenticate(key);
      if (actor?.kind !== 'member') return null;
      return open(actor.userId, actor.keyId);
    },

    ...signInLinkService(ctx, open),

    /** The signed-in person for a cookie's token, or null (unknown, ended, expired, key revoked). */
    async resolve(token: string): Promise<WebSession | null> {
      const now = ctx.now();
      const [row] = await db
        .select({
          keyId: apiKeys.id,
          userId: users.id,
          userName: users.name,
          role: users.role,
          organizationId: organizations.id,
          organizationKind: organizations.kind,
          organizationName: organizations.name,
          csrfToken: webSessions.csrfToken,
          expiresAt: webSessions.expiresAt,
        })
        .from(webSessions)
        .innerJoin(apiKeys, eq(apiKeys.id, webSessions.keyId))
        .innerJoin(users, eq(users.id, webSessions.userId))
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(
          and(
            eq(webSessions.id, await sha256Hex(token)),
            isNull(webSessions.endedAt),
            gt(webSessions.expiresAt, now),
            isNull(apiKeys.revokedAt),
            isNull(organizations.deactivatedAt),
          ),
        );
      if (!row) return null;
      const { userName, organizationName, csrfToken, expiresAt, ...who } = row;
      return { actor: { kind: 'member', ...who }, userName, organizationName, csrfToken, expiresAt };
    },

    /** Signs out: the token stops working at once. */
    async end(token: string) {
      await db
        .update(webSessions)
        .set({ endedAt: ctx.now() })
        .where(eq(webSessions.id, await sha256Hex(token)));
    },
  };
}

export type WebSessions = ReturnType<typeof webSessionService>;
