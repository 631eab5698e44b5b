/**
 * The audit log: every disclosure of participant fields to an employer, every read of them by another
 * organization, every export and erasure. Entries name fields, never values. Listed only by the
 * participant's own provider organization (admin, coordinator, handler).
 */

import { z } from '@hono/zod-openapi';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { type AuditAction, auditActions, auditLog, participants } from '../../../db/schema';
import { runBatch } from '../../adapters/db/batch';
import type { Db } from '../../adapters/db/types';
import type { Actor } from '../../auth/actor';
import { assertProviderRole } from '../../auth/policy';
import { ids } from '../../domain/fields';
import { newId } from '../../lib/ids';
import { listPage, type PageQuery } from '../../lib/pagination';
import { notFound } from '../../lib/problem';
import type { ServiceContext } from '../context';
import { rowInsert, rowInsertWhere } from '../raw-writes';

export const AuditListQuery = z.object({
  participantId: ids('prt').optional(),
  action: z.enum(auditActions).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery> & PageQuery;

export interface AuditEntryInput {
  actor: Actor;
  participantId: string;
  providerOrganizationId: string;
  action: AuditAction;
  fields: readonly string[];
  placementId?: string | null;
  recipientOrganizationId?: string | null;
}

export function auditValues(e: AuditEntryInput, at: string): typeof auditLog.$inferInsert {
  return {
    id: newId('audit'),
    at,
    actorUserId: e.actor.userId,
    actorOrganizationId: e.actor.organizationId,
    participantId: e.participantId,
    providerOrganizationId: e.providerOrganizationId,
    action: e.action,
    fields: [...e.fields],
    placementId: e.placementId ?? null,
    recipientOrganizationId: e.recipientOrganizationId ?? null,
  };
}

/** The columns an entry writes (auditValues). */
const ENTRY_COLUMNS = [
  'id',
  'at',
  'actorUserId',
  'actorOrganizationId',
  'participantId',
  'providerOrganizationId',
  'action',
  'fields',
  'placementId',
  'recipientOrganizationId',
] as const;
/** One entry as a statement of its own (raw-writes.ts: no builder on the write paths). */
const insertEntry = rowInsert(auditLog, ENTRY_COLUMNS);
export const auditStatement = (db: Db, e: AuditEntryInput, at: string) => insertEntry(db, auditValues(e, at));

const insertEntryWhere = rowInsertWhere(auditLog, ENTRY_COLUMNS);
/**
 * One entry, written only if `where` holds inside the batch it runs in; its rows (none or one) say
 * whether it was written.
 */
export const auditStatementWhere = (db: Db, e: AuditEntryInput, at: string, where: SQL) =>
  insertEntryWhere(db, auditValues(e, at), where);

export const toAuditEntry = (r: typeof auditLog.$inferSelect) => ({
  id: r.id,
  at: r.at,
  action: r.action,
  actor: { userId: r.actorUserId, organizationId: r.actorOrganizationId },
  participantId: r.participantId,
  fields: r.fields,
  placementId: r.placementId,
  recipientOrganizationId: r.recipientOrganizationId,
});

export function auditService(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    /**
     * Writes entries on their own (reads are logged after the data has been fetched), in one call:
     * an employer's page of 100 placements audits 100 reads, and D1 binds at most 100 parameters a
     * statement (10 an entry), so each entry is a statement of its own, all in one batch.
     */
    async record(entries: AuditEntryInput[]) {
      const at = ctx.now();
      if (entries.length === 0) return;
      if (entries.length === 1) await auditStatement(db, entries[0]!, at);
      else
        await runBatch(
          db,
          entries.map((e) => auditStatement(db, e, at)),
        );
    },

    /** Newest first. Erased participants' entries stay listable: they hold no personal values. */
    async list(actor: Actor, q: AuditListQuery) {
      assertProviderRole(actor, ['admin', 'coordinator', 'handler'], 'read the audit log');
      if (q.participantId) {
        const [p] = await db
          .select({ organizationId: participants.organizationId })
          .from(participants)
          .where(eq(participants.id, q.participantId));
        if (p?.organizationId !== actor.organizationId) throw notFound('Participant', q.participantId);
      }
      const page = await listPage(q, (before, take) =>
        db
          .select()
          .from(auditLog)
          .where(
            and(
              eq(auditLog.providerOrganizationId, actor.organizationId),
              q.participantId ? eq(auditLog.participantId, q.participantId) : undefined,
              q.action ? eq(auditLog.action, q.action) : undefined,
              before ? lt(auditLog.id, before) : undefined,
            ),
          )
          .orderBy(desc(auditLog.id))
          .limit(take),
      );
      return { ...page, data: page.data.map(toAuditEntry) };
    },

    async forParticipant(participantId: string) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(eq(auditLog.participantId, participantId))
        .orderBy(desc(auditLog.id));
      return rows.map(toAuditEntry);
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
