import { z } from '@hono/zod-openapi';
import { and, asc, eq, gt } from 'drizzle-orm';
import { apiKeys, organizations, roles, users } from '../../db/schema';
import { type Actor, rolesByOrganizationKind } from '../auth/actor';
import { assertKeyManager } from '../auth/policy';
import { Email, text } from '../domain/fields';
import { randomToken, sha256Hex } from '../lib/crypto';
import { newId } from '../lib/ids';
import { decodeCursor, type PageQuery, toPage } from '../lib/pagination';
import { conflict, notFound, unprocessable } from '../lib/problem';
import { notifyStatement } from '../outbox/notify';
import type { ServiceContext } from './context';
import { KEY_PREFIX, keyAuthenticator } from './key-authenticator';

export { KEY_PREFIX } from './key-authenticator';

export const IssueApiKey = z
  .strictObject({
    name: text(200).openapi({ description: 'The person who will use the key.' }),
    email: Email,
    role: z.enum(roles),
  })
  .openapi('IssueApiKey');
export type IssueApiKey = z.infer<typeof IssueApiKey>;

type KeyRow = typeof apiKeys.$inferSelect;
type UserRow = typeof users.$inferSelect;

const toApiKey = (k: KeyRow, u: UserRow) => ({
  id: k.id,
  organizationId: k.organizationId,
  prefix: k.prefix,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
  user: { id: u.id, name: u.name, email: u.email, role: u.role },
});

export function apiKeyService(ctx: ServiceContext) {
  const { db } = ctx;
  const authenticate = keyAuthenticator(ctx);

  async function loadOrganization(id: string) {
    const [org] = await db.select().from(organizations).where(eq(organizations.id, id));
    if (!org) throw notFound('Organization', id);
    return org;
  }

  return {
    /** Resolves a bearer token to the acting person, or null when unknown or revoked. */
    authenticate,

    /** `presetKey` exists for the demo seed only, whose keys are fixed so the README can show them. */
    async issue(actor: Actor, organizationId: string, input: IssueApiKey, presetKey?: string) {
      assertKeyManager(actor, organizationId, input.role);
      const org = await loadOrganization(organizationId);
      if (org.deactivatedAt) throw conflict('The organization is deactivated.');
      const allowed = rolesByOrganizationKind[org.kind];
      if (!allowed.includes(input.role))
        throw unprocessable(`A ${org.kind} organization has the roles ${allowed.join(', ')}.`, [
          { path: 'role', message: `must be one of ${allowed.join(', ')} for this organization` },
        ]);

      const now = ctx.now();
      const [existing] = await db
        .select()
        .from(users)
        .where(and(eq(users.organizationId, organizationId), eq(users.email, input.email)));
      if (existing && existing.role !== input.role)
        throw conflict(
          `${input.email} already has the role ${existing.role} here; a person has one role. Revoke their keys and change the role first.`,
        );
      const user: UserRow = existing
        ? { ...existing, name: input.name, updatedAt: now }
        : { id: newId('user'), organizationId, ...input, createdAt: now, updatedAt: now };

      const key = presetKey ?? `${KEY_PREFIX}${randomToken(32)}`;
      const row: KeyRow = {
        id: newId('apiKey'),
        userId: user.id,
        organizationId,
        hash: await sha256Hex(key),
        prefix: key.slice(0, 10),
        createdAt: now,
        createdBy: actor.userId,
        revokedAt: null,
      };
      await db.batch([
        existing
          ? db.update(users).set({ name: user.name, updatedAt: now }).where(eq(users.id, user.id))
          : db.insert(users).values(user),
        db.insert(apiKeys).values(row),
        // The person named on the key is told it was issued (never the key): src/services/notifications.
        notifyStatement(db, { event: 'api_key.issued', keyId: row.id }, now),
      ]);
      return { ...toApiKey(row, user), key };
    },

    async list(actor: Actor, organizationId: string, q: PageQuery) {
      assertKeyManager(actor, organizationId);
      await loadOrganization(organizationId);
      const after = decodeCursor(q.cursor);
      const rows = await db
        .select()
        .from(apiKeys)
        .innerJoin(users, eq(users.id, apiKeys.userId))
        .where(and(eq(apiKeys.organizationId, organizationId), after ? gt(apiKeys.id, after) : undefined))
        .orderBy(asc(apiKeys.id))
        .limit(q.limit + 1);
      const page = toPage(
        rows.map((r) => ({ id: r.api_keys.id, row: r })),
        q.limit,
      );
      return { ...page, data: page.data.map((p) => toApiKey(p.row.api_keys, p.row.users)) };
    },

    async revoke(actor: Actor, organizationId: string, keyId: string) {
      assertKeyManager(actor, organizationId);
      const [found] = await db
        .select()
        .from(apiKeys)
        .innerJoin(users, eq(users.id, apiKeys.userId))
        .where(and(eq(apiKeys.id, keyId), eq(apiKeys.organizationId, organizationId)));
      if (!found) throw notFound('API key', keyId);
      assertKeyManager(actor, organizationId, found.users.role);
      const revokedAt = found.api_keys.revokedAt ?? ctx.now();
      if (!found.api_keys.revokedAt) await db.update(apiKeys).set({ revokedAt }).where(eq(apiKeys.id, keyId));
      return toApiKey({ ...found.api_keys, revokedAt }, found.users);
    },

    /** The signed-in person's own keys (the page a key's "issued" mail links to); never the key itself. */
    async mine(actor: Actor) {
      if (actor.kind !== 'member') return [];
      const rows = await db
        .select()
        .from(apiKeys)
        .innerJoin(users, eq(users.id, apiKeys.userId))
        .where(eq(apiKeys.userId, actor.userId))
        .orderBy(asc(apiKeys.id));
      return rows.map((r) => toApiKey(r.api_keys, r.users));
    },

    async me(actor: Actor) {
      if (actor.kind === 'platform')
        return { kind: 'platform' as const, role: 'admin' as const, user: null, organization: null };
      const [row] = await db
        .select()
        .from(users)
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(eq(users.id, actor.userId));
      if (!row) throw notFound('User', actor.userId);
      return {
        kind: 'member' as const,
        role: actor.role,
        user: { id: row.users.id, name: row.users.name, email: row.users.email, role: row.users.role },
        organization: {
          id: row.organizations.id,
          name: row.organizations.name,
          kind: row.organizations.kind,
        },
      };
    },
  };
}

export type ApiKeyService = ReturnType<typeof apiKeyService>;
