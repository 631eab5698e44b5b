/**
 * Placements from proposal to outcome, one file per verb:
 * - propose.ts: a handler proposes a participant (with the consent to show the employer),
 * - read.ts: one placement and the caller's list; present.ts shows them to each side and audits reads,
 * - moves.ts: accept, decline, withdraw, start, end (the state machine of states.ts, applied by the
 *   atomic batches of transition.ts, which keep capacity without interactive transactions),
 * - records.ts: hours, check-ins and meetings during the placement,
 * - consent.ts: what the participant shows the employer (disclosure.ts: what that means).
 */
import type { ServiceContext } from '../context';
import type { ParticipantService } from '../participants/index';
import type { AuditService } from './audit';
import { changePlacementConsent } from './consent';
import { placementMoves } from './moves';
import { placementViews } from './present';
import { proposePlacement } from './propose';
import { placementReads } from './read';
import { placementRecords } from './records';

export function placementService(
  ctx: ServiceContext,
  deps: { participants: ParticipantService; audit: AuditService },
) {
  const views = placementViews(ctx, deps.audit);
  return {
    propose: proposePlacement(ctx, { participants: deps.participants, views }),
    ...placementReads(ctx, views),
    ...placementMoves(ctx, views),
    ...placementRecords(ctx, views),
    changeConsent: changePlacementConsent(ctx, views),
  };
}

export type PlacementService = ReturnType<typeof placementService>;
