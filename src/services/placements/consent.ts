import { auditLog, consents } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { newId } from '../../lib/ids';
import type { ServiceContext } from '../context';
import { auditValues } from './audit';
import { consentExpiry } from './disclosure';
import type { PlacementViews } from './present';
import type { ConsentChange } from './schemas';

/**
 * Changes what the participant agreed to show this employer (a new consent row; `[]` revokes), for
 * every placement of the participant with that employer. The provider side only; audited.
 */
export function changePlacementConsent(ctx: ServiceContext, views: PlacementViews) {
  const { db } = ctx;
  return async function changeConsent(actor: Actor, id: string, input: ConsentChange) {
    const { row, side, actor: member } = await views.loadFor(actor, id, 'write', ['provider']);
    const now = ctx.now();
    const fields = [...new Set(input.disclose)];
    const expiresAt = consentExpiry(now, input.expiresAt, 'expiresAt');
    await db.batch([
      db.insert(consents).values({
        id: newId('event'),
        participantId: row.participantId,
        employerOrganizationId: row.employerOrganizationId,
        fields,
        givenBy: member.userId,
        givenAt: now,
        expiresAt,
        revokedAt: fields.length === 0 ? now : null,
      }),
      db.insert(auditLog).values(
        auditValues(
          {
            actor: member,
            participantId: row.participantId,
            providerOrganizationId: row.providerOrganizationId,
            action: fields.length ? 'disclose' : 'consent_change',
            fields,
            placementId: row.id,
            recipientOrganizationId: row.employerOrganizationId,
          },
          now,
        ),
      ),
    ]);
    return views.details(member, side, row);
  };
}
