import { and, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys, authRevision, organizations, users } from '../../db/schema';
import { readNow } from '../adapters/db/fast-rows';
import { type Actor, type Member, platformActor } from '../auth/actor';
import { constantTimeEqual, sha256Hex, timingSafeEqual } from '../lib/crypto';
import type { ServiceContext } from './context';

export const KEY_PREFIX = 'sek_';
/** Authenticated keys one process keeps; past this the cache starts afresh. */
const MAX_CACHED_KEYS = 10_000;

/** `authenticate(token)`: the acting person for a bearer token, or null when unknown or revoked. */
export function keyAuthenticator(ctx: ServiceContext) {
  const { db } = ctx;

  // A key's lookup, prepared once; with it the auth revision (db/schema/auth-revision.ts) as of the
  // same read, so what is cached is known to be current as of that revision.
  const keyByHash = db
    .select({
      keyId: apiKeys.id,
      userId: users.id,
      role: users.role,
      organizationId: organizations.id,
      organizationKind: organizations.kind,
      revision: sql<
        number | null
      >`(select ${authRevision.revision} from ${authRevision} where ${authRevision.id} = 1)`,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(
      and(
        eq(apiKeys.hash, sql.placeholder('hash')),
        isNull(apiKeys.revokedAt),
        isNull(organizations.deactivatedAt),
      ),
    )
    .prepare();
  const revisionQuery = db
    .select({ revision: authRevision.revision })
    .from(authRevision)
    .where(eq(authRevision.id, 1));
  const currentRevision = revisionQuery.prepare();
  // Over the local file the revision is read synchronously, straight from the client: the check runs
  // on every authenticated request, and drizzle's prepared get cost about as much again as SQLite's
  // read (its promises and mapping). Still one fresh read per request, so the guarantee is unchanged.
  const readRevision = readNow(db, revisionQuery.toSQL());

  /**
   * Keys that authenticated, by token, as of `cachedRevision`. A request with a cached key costs one
   * read of the revision instead of three SHA-256 digests and the join; when the revision moved (a key
   * revoked anywhere, in any process) the whole cache is forgotten, so the next request sees the change.
   */
  const cache = new Map<string, Member>();
  let cachedRevision: number | null = null;
  let adminToken: string | undefined;

  async function lookUp(token: string): Promise<Actor | null> {
    if (ctx.config.ADMIN_API_KEY && (await timingSafeEqual(token, ctx.config.ADMIN_API_KEY)))
      return platformActor;
    if (!token.startsWith(KEY_PREFIX)) return null;
    const row = await keyByHash.get({ hash: await sha256Hex(token) });
    if (!row) return null;
    const { revision, ...who } = row;
    const actor: Member = { kind: 'member', ...who };
    if (revision !== null) {
      if (revision !== cachedRevision) {
        cache.clear();
        cachedRevision = revision;
      }
      if (cache.size >= MAX_CACHED_KEYS) cache.clear();
      cache.set(token, actor);
    }
    return actor;
  }

  return async function authenticate(token: string): Promise<Actor | null> {
    if (adminToken !== undefined && constantTimeEqual(token, adminToken)) return platformActor;
    const cached = cache.get(token);
    if (cached) {
      // No row (undefined) never equals the cached revision, a number.
      const current = readRevision ? readRevision()[0]?.[0] : (await currentRevision.get())?.revision;
      if (current === cachedRevision) return cached;
    }
    const actor = await lookUp(token);
    // The operator's key changes only with the configuration: once matched, compare it directly.
    if (actor?.kind === 'platform') adminToken = token;
    return actor;
  };
}
