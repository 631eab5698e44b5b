import { z } from '@hono/zod-openapi';
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { apiKeys, organizationKinds, organizations, slots } from '../../db/schema';
import type { Actor, Member } from '../auth/actor';
import { assertOrgAdmin, canSeeOrganization, isPlatform, isProvider } from '../auth/policy';
import { Email, MunicipalityCode, text } from '../domain/fields';
import { newId } from '../lib/ids';
import { decodeCursor, encodeCursor, type PageQuery } from '../lib/pagination';
import { forbidden, notFound } from '../lib/problem';
import { formatOrganizationNumber, normaliseOrganizationNumber } from '../lib/swedish-ids';
import { foldName, nameColumns } from '../lib/swedish-order';
import type { ServiceContext } from './context';
import { mapConstraints } from './db-errors';
import { slotChangedStatements } from './search/sync-statements';

type OrganizationRow = typeof organizations.$inferSelect;

export const OrganizationNumber = z
  .string()
  .transform((v, ctx) => {
    const ten = normaliseOrganizationNumber(v);
    if (!ten)
      ctx.addIssue({ code: 'custom', message: 'is not a valid Swedish organisationsnummer (check digit)' });
    return ten ?? v;
  })
  .openapi({
    type: 'string',
    example: '556036-0793',
    description: 'Organisationsnummer, with or without the dash.',
  });

export const OrganizationCreate = z
  .strictObject({
    name: text(200),
    kind: z.enum(organizationKinds),
    organizationNumber: OrganizationNumber,
    contactEmail: Email,
    municipalityCode: MunicipalityCode,
  })
  .openapi('OrganizationCreate');
export type OrganizationCreate = z.infer<typeof OrganizationCreate>;

export const OrganizationUpdate = OrganizationCreate.omit({ kind: true })
  .partial()
  .openapi('OrganizationUpdate');
export type OrganizationUpdate = z.infer<typeof OrganizationUpdate>;

export const OrganizationListQuery = z.object({
  kind: z.enum(organizationKinds).optional(),
  name: z.string().trim().min(1).max(100).optional().openapi({
    description: 'Only organizations whose name contains this text, compared without case (å ä ö é ü … too).',
  }),
});
export type OrganizationListQuery = z.infer<typeof OrganizationListQuery> &
  PageQuery & {
    /** The page before this one (a `prevCursor`) instead of the page after `cursor`. */
    before?: string;
  };

export const toOrganization = (o: OrganizationRow) => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  organizationNumber: formatOrganizationNumber(o.organizationNumber),
  contactEmail: o.contactEmail,
  municipalityCode: o.municipalityCode,
  active: o.deactivatedAt === null,
  createdAt: o.createdAt,
  updatedAt: o.updatedAt,
});

const duplicateNumber = { 'organizations.organization_number': 'An organization with this number exists.' };

/** Providers see every organization (they search the whole registry); others see their own. */
function visibilityFilter(actor: Actor): SQL | undefined {
  if (isPlatform(actor) || isProvider(actor)) return undefined;
  return eq(organizations.id, (actor as Member).organizationId);
}

export function organizationService(ctx: ServiceContext) {
  const { db } = ctx;

  async function load(id: string) {
    const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
    return row;
  }

  async function getVisible(actor: Actor, id: string) {
    const row = await load(id);
    if (!row || !canSeeOrganization(actor, id)) throw notFound('Organization', id);
    return row;
  }

  return {
    load,

    async create(actor: Actor, input: OrganizationCreate) {
      if (!isPlatform(actor)) throw forbidden('Only the platform admin creates organizations.');
      const now = ctx.now();
      const row: OrganizationRow = {
        id: newId('organization'),
        ...input,
        ...nameColumns(input.name),
        deactivatedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await mapConstraints(() => db.insert(organizations).values(row), { unique: duplicateNumber });
      return toOrganization(row);
    },

    async get(actor: Actor, id: string) {
      return toOrganization(await getVisible(actor, id));
    },

    /**
     * A page of organizations by name in Swedish order (case-insensitive, å ä ö after z; ties by id),
     * filtered by kind and by a name fragment folded the same way (src/lib/swedish-order.ts). Keyset
     * pages: the cursor is the id of the page's last row (its name's sort key read by primary key),
     * or with `before` the first row of the page after, for the page before it.
     */
    async list(actor: Actor, q: OrganizationListQuery) {
      const before = decodeCursor(q.before);
      const after = before ? undefined : decodeCursor(q.cursor);
      const edge = before ?? after;
      const keyOf = sql`(select o.name_sort from ${organizations} o where o.id = ${edge})`;
      const rows = await db
        .select()
        .from(organizations)
        .where(
          and(
            visibilityFilter(actor),
            q.kind ? eq(organizations.kind, q.kind) : undefined,
            // instr, not LIKE: the typed text is matched as it is ('%' and '_' are not wildcards).
            q.name ? sql`instr(${organizations.nameFolded}, ${foldName(q.name)}) > 0` : undefined,
            edge
              ? sql`(${organizations.nameSort}, ${organizations.id}) ${sql.raw(before ? '<' : '>')} (${keyOf}, ${edge})`
              : undefined,
          ),
        )
        .orderBy(
          ...(before
            ? [desc(organizations.nameSort), desc(organizations.id)]
            : [asc(organizations.nameSort), asc(organizations.id)]),
        )
        .limit(q.limit + 1);
      const more = rows.length > q.limit;
      const data = (more ? rows.slice(0, q.limit) : rows).map(toOrganization);
      if (before) data.reverse();
      const first = data[0];
      const last = data[data.length - 1];
      // Forward: a page before exists when we came from one; backward: a page after always does.
      const hasNext = before ? true : more;
      const hasPrev = before ? more : after !== undefined;
      return {
        data,
        nextCursor: hasNext && last ? encodeCursor(last.id) : null,
        prevCursor: hasPrev && first ? encodeCursor(first.id) : null,
      };
    },

    async update(actor: Actor, id: string, patch: OrganizationUpdate) {
      assertOrgAdmin(actor, id);
      const existing = await getVisible(actor, id);
      const renamed = patch.name === undefined ? {} : nameColumns(patch.name);
      const updated = { ...existing, ...patch, ...renamed, updatedAt: ctx.now() };
      await mapConstraints(() => db.update(organizations).set(updated).where(eq(organizations.id, id)), {
        unique: duplicateNumber,
      });
      return toOrganization(updated);
    },

    /**
     * Deactivation keeps the history (placements, follow-up) but stops the organization acting: its
     * keys are revoked and its open slots closed, in one atomic batch with their index updates.
     */
    async deactivate(actor: Actor, id: string) {
      // Visibility first: to someone who cannot see the organization, it does not exist (404).
      const existing = await getVisible(actor, id);
      if (!isPlatform(actor)) throw forbidden('Only the platform admin deactivates organizations.');
      if (existing.deactivatedAt) return toOrganization(existing);
      const now = ctx.now();
      const openSlots = await db
        .select({ id: slots.id })
        .from(slots)
        .where(and(eq(slots.organizationId, id), inArray(slots.status, ['open', 'paused'])));
      const slotIds = openSlots.map((s) => s.id);
      await db.batch([
        db.update(organizations).set({ deactivatedAt: now, updatedAt: now }).where(eq(organizations.id, id)),
        db
          .update(apiKeys)
          .set({ revokedAt: now })
          .where(and(eq(apiKeys.organizationId, id), isNull(apiKeys.revokedAt))),
        db.update(slots).set({ status: 'closed', updatedAt: now }).where(eq(slots.organizationId, id)),
        ...slotIds.flatMap((slotId) => slotChangedStatements(ctx, slotId)),
      ]);
      return toOrganization({ ...existing, deactivatedAt: now, updatedAt: now });
    },
  };
}
