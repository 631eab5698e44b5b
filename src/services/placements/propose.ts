import { consents, placements } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { assertProviderRole } from '../../auth/policy';
import { newId } from '../../lib/ids';
import { conflict, unprocessable } from '../../lib/problem';
import { notifyStatement } from '../../outbox/notify';
import type { ServiceContext } from '../context';
import { mapConstraints } from '../db-errors';
import type { ParticipantService } from '../participants/index';
import { rowInsert } from '../raw-writes';
import { auditStatement } from './audit';
import { assertServesSlot } from './checks';
import { consentExpiry } from './disclosure';
import type { PlacementViews } from './present';
import type { ProposalCreate } from './schemas';
import { insertTransition } from './transition';
import type { PlacementRow } from './view';

const duplicateLive = {
  'placements.participant_id, placements.slot_id':
    'This participant already has a live placement (proposed, accepted or started) on this slot.',
};

// Fixed SQL (raw-writes.ts): drizzle's insert builder cost more CPU than the inserts themselves.
const insertConsent = rowInsert(consents, [
  'id',
  'participantId',
  'employerOrganizationId',
  'fields',
  'givenBy',
  'givenAt',
  'expiresAt',
]);
const insertPlacement = rowInsert(placements, [
  'id',
  'participantId',
  'providerOrganizationId',
  'slotId',
  'employerOrganizationId',
  'supervisorId',
  'proposedBy',
  'state',
  'transitionToken',
  'proposedAt',
  'version',
  'createdAt',
  'updatedAt',
]);

/**
 * A handler proposes a participant for an open slot. One batch records the placement, its first
 * history row, the participant's consent for the employer with what it shows, the `disclose` audit
 * entry and the `placement.proposed` event; a second live proposal for the same pair is refused.
 */
export function proposePlacement(
  ctx: ServiceContext,
  deps: { participants: ParticipantService; views: PlacementViews },
) {
  const { db } = ctx;
  return async function propose(actor: Actor, input: ProposalCreate) {
    assertProviderRole(actor, ['handler', 'admin'], 'propose placements');
    const participant = await deps.participants.load(actor, input.participantId, 'write');
    if (participant.status !== 'active')
      throw conflict('Only an active participant can be proposed.', 'participant-inactive');
    const [slot] = await deps.views.slotById(input.slotId);
    if (!slot)
      throw unprocessable('The slot does not exist.', [{ path: 'slotId', message: 'refers to no slot' }]);
    if (slot.status !== 'open')
      throw conflict(`The slot is ${slot.status}; proposals go to open slots only.`, 'slot-not-open');
    if (input.supervisorId) await assertServesSlot(db, slot.id, input.supervisorId, 'supervisorId');
    const now = ctx.now();
    const expiresAt = consentExpiry(now, input.consentExpiresAt, 'consentExpiresAt');
    const fields = [...new Set(input.disclose)];
    const id = newId('placement');
    // Consents, transitions, check-ins and meetings share the generic event prefix (evt_).
    const consentId = newId('event');
    const consent = {
      id: consentId,
      participantId: participant.id,
      employerOrganizationId: slot.organizationId,
      fields,
      givenBy: actor.userId,
      givenAt: now,
      expiresAt,
      revokedAt: null,
    };
    const row: PlacementRow = {
      id,
      participantId: participant.id,
      providerOrganizationId: participant.organizationId,
      slotId: slot.id,
      employerOrganizationId: slot.organizationId,
      supervisorId: input.supervisorId ?? null,
      proposedBy: actor.userId,
      state: 'proposed',
      transitionToken: crypto.randomUUID(),
      proposedAt: now,
      acceptedAt: null,
      declinedAt: null,
      withdrawnAt: null,
      startedAt: null,
      endedAt: null,
      startDate: null,
      endDate: null,
      declineReason: null,
      note: null,
      withdrawnByOrganizationId: null,
      outcome: null,
      hiredByEmployer: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const transition = {
      id: newId('event'),
      placementId: id,
      state: 'proposed' as const,
      at: now,
      actorUserId: actor.userId,
      actorOrganizationId: actor.organizationId,
    };
    await mapConstraints(
      () =>
        db.batch([
          insertConsent(db, consent),
          insertPlacement(db, row),
          insertTransition(db, transition),
          auditStatement(
            db,
            {
              actor,
              participantId: participant.id,
              providerOrganizationId: participant.organizationId,
              action: 'disclose',
              fields,
              placementId: id,
              recipientOrganizationId: slot.organizationId,
            },
            now,
          ),
          notifyStatement(db, { event: 'placement.proposed', placementId: id }, now),
        ]),
      { unique: duplicateLive },
    );
    // The answer from what the batch wrote (present.ts `proposed`), not read back.
    return deps.views.proposed(actor, { row, consent, participant, transition });
  };
}
