/**
 * The participant's notices (they have no email in the registry): "your approval of the agreement is
 * wanted", written in the same batch as the version that asks for it. A notice whose version is no
 * longer current, or which the participant has approved, is not shown.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { participantNotices } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { hasApproval, loadAgreement } from './load';

export function participantNoticeReader(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    /** Open notices of one participant, oldest first. */
    async noticesFor(participantId: string) {
      const rows = await db
        .select()
        .from(participantNotices)
        .where(and(eq(participantNotices.participantId, participantId), isNull(participantNotices.seenAt)))
        .orderBy(asc(participantNotices.id));
      const open = [];
      for (const n of rows) {
        const { current, approvals } = await loadAgreement(db, n.placementId);
        if (current?.version !== n.version || hasApproval(approvals, n.version, 'participant')) continue;
        open.push({
          id: n.id,
          kind: n.kind,
          placementId: n.placementId,
          version: n.version,
          createdAt: n.createdAt,
        });
      }
      return open;
    },

    /** The participant has seen (or dismissed) a notice. */
    async markNoticeSeen(participantId: string, noticeId: string) {
      await db
        .update(participantNotices)
        .set({ seenAt: ctx.now() })
        .where(and(eq(participantNotices.id, noticeId), eq(participantNotices.participantId, participantId)));
    },
  };
}
