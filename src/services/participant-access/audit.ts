/** Audit entries for what a participant does themselves: no acting user or organization. */

import type { AuditAction, auditLog } from '../../../db/schema';
import { newId } from '../../lib/ids';

/** Who a signed-in participant is: their record and their provider organization, never a name. */
export interface ParticipantSelf {
  participantId: string;
  organizationId: string;
  handlerId: string;
}

export function selfAudit(
  me: ParticipantSelf,
  action: Extract<AuditAction, `participant_${string}`>,
  at: string,
  extra: { fields?: readonly string[]; placementId?: string; recipientOrganizationId?: string } = {},
): typeof auditLog.$inferInsert {
  return {
    id: newId('audit'),
    at,
    actorUserId: null,
    actorOrganizationId: null,
    participantId: me.participantId,
    providerOrganizationId: me.organizationId,
    action,
    fields: [...(extra.fields ?? [])],
    placementId: extra.placementId ?? null,
    recipientOrganizationId: extra.recipientOrganizationId ?? null,
  };
}
