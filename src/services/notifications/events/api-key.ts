import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { apiKeys, organizations, users } from '../../../../db/schema';
import type { NotifyContext } from '../context';
import { eventMailKey, queueMails } from '../queue';

const issuer = alias(users, 'issuer');

/** `api_key.issued` → the person named on the key is told it exists (never the key itself). */
export async function apiKeyIssuedMails(ctx: NotifyContext, eventKey: string, keyId: string) {
  const [r] = await ctx.db
    .select({
      keyId: apiKeys.id,
      prefix: apiKeys.prefix,
      user: { id: users.id, name: users.name, email: users.email },
      organization: { id: organizations.id, name: organizations.name },
      issuedBy: issuer.name,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .leftJoin(issuer, eq(issuer.id, apiKeys.createdBy))
    .where(eq(apiKeys.id, keyId));
  if (!r) return;
  const recipient = {
    kind: 'user' as const,
    id: r.user.id,
    email: r.user.email,
    organizationId: r.organization.id,
    name: r.user.name,
  };
  await queueMails(ctx.db, [recipient], (to) => ({
    key: eventMailKey(eventKey, to),
    template: 'api_key_issued' as const,
    now: ctx.now(),
    data: {
      recipientName: r.user.name,
      organizationName: r.organization.name,
      issuedBy: r.issuedBy,
      keyPrefix: r.prefix,
      keyId: r.keyId,
    },
  }));
}
