/**
 * Employer relations (job development): handlers log their contacts with employers. The log belongs
 * to the provider organization, not to the handler: every handler, coordinator and admin of the
 * organization sees all of it, so the relationship survives staff changes. It is NOT shared with
 * other providers (their notes on an employer are their own working material) nor shown to the
 * employer itself.
 */

import { z } from '@hono/zod-openapi';
import { and, desc, eq, inArray, lt, max } from 'drizzle-orm';
import { contactChannels, employerContacts, organizations, participants, users } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { assertProviderRole } from '../auth/policy';
import { IsoDate, ids, participantText } from '../domain/fields';
import { newId } from '../lib/ids';
import { localDate } from '../lib/local-time';
import { listPage, type PageQuery } from '../lib/pagination';
import { type FieldError, notFound, unprocessable } from '../lib/problem';
import type { ServiceContext } from './context';

type ContactRow = typeof employerContacts.$inferSelect;

export const EmployerContactCreate = z
  .strictObject({
    employerOrganizationId: ids('org'),
    date: IsoDate,
    channel: z.enum(contactChannels),
    outcome: participantText(500).openapi({
      description: 'What came of the contact. Never about a named participant or their health.',
      example: 'Intresserad av en arbetsträningsplats i lagret från mars.',
    }),
    nextStep: participantText(300).optional(),
    nextStepDate: IsoDate.optional(),
    participantId: ids('prt').optional().openapi({
      description:
        'The participant the contact was made for (job development on their behalf), if any: one of your organization’s. Counts towards the IPS figure “days to first employer contact”.',
    }),
  })
  .openapi('EmployerContactCreate');
export type EmployerContactCreate = z.infer<typeof EmployerContactCreate>;

export const EmployerContactListQuery = z.object({
  employerOrganizationId: ids('org').optional(),
  userId: ids('usr').optional(),
});
export type EmployerContactListQuery = z.infer<typeof EmployerContactListQuery> & PageQuery;

const toContact = (c: ContactRow, loggedByName: string | null) => ({
  id: c.id,
  providerOrganizationId: c.providerOrganizationId,
  employerOrganizationId: c.employerOrganizationId,
  loggedBy: { userId: c.userId, name: loggedByName },
  participantId: c.participantId,
  date: c.date,
  channel: c.channel,
  outcome: c.outcome,
  nextStep: c.nextStep,
  nextStepDate: c.nextStepDate,
  createdAt: c.createdAt,
});

const roles = ['admin', 'coordinator', 'handler'] as const;

export function employerContactService(ctx: ServiceContext) {
  const { db } = ctx;

  async function assertEmployer(id: string, path: string | null) {
    const [org] = await db
      .select({ kind: organizations.kind })
      .from(organizations)
      .where(eq(organizations.id, id));
    if (org && org.kind !== 'provider') return;
    if (!path) throw notFound('Employer organization', id);
    throw unprocessable('Contacts are logged with employers and social enterprises.', [
      { path, message: 'is not an employer or social enterprise organization' },
    ]);
  }

  /** A contact may name one of the caller's own participants, never another organization's. */
  async function assertOwnParticipant(organizationId: string, id: string) {
    const [p] = await db
      .select({ organizationId: participants.organizationId, status: participants.status })
      .from(participants)
      .where(eq(participants.id, id));
    if (p && p.organizationId === organizationId && p.status !== 'erased') return;
    throw unprocessable('The participant must be one of your organization’s.', [
      { path: 'participantId', message: 'is not a participant of your organization' },
    ]);
  }

  async function list(actor: Actor, q: EmployerContactListQuery) {
    assertProviderRole(actor, roles, 'read employer contacts');
    // Newest first: the last contact and the next step are what a handler taking over needs.
    const page = await listPage(q, (before, take) =>
      db
        .select({ contact: employerContacts, name: users.name })
        .from(employerContacts)
        .leftJoin(users, eq(users.id, employerContacts.userId))
        .where(
          and(
            eq(employerContacts.providerOrganizationId, actor.organizationId),
            q.employerOrganizationId
              ? eq(employerContacts.employerOrganizationId, q.employerOrganizationId)
              : undefined,
            q.userId ? eq(employerContacts.userId, q.userId) : undefined,
            before ? lt(employerContacts.id, before) : undefined,
          ),
        )
        .orderBy(desc(employerContacts.id))
        .limit(take)
        .then((rows) => rows.map((r) => ({ id: r.contact.id, view: toContact(r.contact, r.name) }))),
    );
    return { ...page, data: page.data.map((r) => r.view) };
  }

  return {
    async create(actor: Actor, input: EmployerContactCreate) {
      assertProviderRole(actor, roles, 'log employer contacts');
      await assertEmployer(input.employerOrganizationId, 'employerOrganizationId');
      if (input.participantId) await assertOwnParticipant(actor.organizationId, input.participantId);
      const errors: FieldError[] = [];
      if (input.date > localDate(ctx.now()))
        errors.push({ path: 'date', message: 'must not be after today' });
      if (input.nextStepDate && !input.nextStep)
        errors.push({ path: 'nextStep', message: 'is required when nextStepDate is given' });
      if (input.nextStepDate && input.nextStepDate < input.date)
        errors.push({ path: 'nextStepDate', message: 'must not be before the contact date' });
      if (errors.length) throw unprocessable('The contact’s dates do not fit together.', errors);
      const now = ctx.now();
      const row: ContactRow = {
        id: newId('contact'),
        providerOrganizationId: actor.organizationId,
        employerOrganizationId: input.employerOrganizationId,
        userId: actor.userId,
        participantId: input.participantId ?? null,
        date: input.date,
        channel: input.channel,
        outcome: input.outcome,
        nextStep: input.nextStep ?? null,
        nextStepDate: input.nextStepDate ?? null,
        createdAt: now,
        updatedAt: now,
      };
      await db.insert(employerContacts).values(row);
      const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
      return toContact(row, user?.name ?? null);
    },

    list,

    /**
     * Each employer's latest contact (the one logged last), latest first: the last contact and the
     * next step of every employer the provider has been in touch with, however long the log is.
     * One row an employer (the provider/employer/id index answers the grouping).
     */
    async latestPerEmployer(actor: Actor) {
      assertProviderRole(actor, roles, 'read employer contacts');
      const latest = db
        .select({ id: max(employerContacts.id) })
        .from(employerContacts)
        .where(eq(employerContacts.providerOrganizationId, actor.organizationId))
        .groupBy(employerContacts.employerOrganizationId);
      const rows = await db
        .select({ contact: employerContacts, name: users.name })
        .from(employerContacts)
        .leftJoin(users, eq(users.id, employerContacts.userId))
        .where(inArray(employerContacts.id, latest))
        .orderBy(desc(employerContacts.id));
      return rows.map((r) => toContact(r.contact, r.name));
    },

    /** The provider's contacts with one employer, for the employer's page. */
    async forEmployer(actor: Actor, employerOrganizationId: string, q: PageQuery) {
      assertProviderRole(actor, roles, 'read employer contacts');
      await assertEmployer(employerOrganizationId, null);
      return list(actor, { ...q, employerOrganizationId });
    },
  };
}
