/**
 * A new agreement version → mails asking the employer side (the placement's supervisor and the
 * employer's contact address) and the participant's handler to approve it. Nothing is sent when the
 * version is no longer the current one by the time this runs, or the party has approved already;
 * the participant's own notice is written with the version itself (src/services/agreements/draft.ts).
 */
import type { AgreementParty } from '../../../../db/schema';
import type { DomainEvent } from '../../../outbox/notify';
import { hasApproval, loadAgreement } from '../../agreements/load';
import type { NotifyContext } from '../context';
import { eventMailKey, queueMails, type Recipient } from '../queue';
import { employerSide, loadPlacement, providerSide } from './placements';

type AgreementEvent = Extract<DomainEvent, { event: 'agreement.approval_wanted' }>;

export async function agreementMails(ctx: NotifyContext, eventKey: string, e: AgreementEvent) {
  const r = await loadPlacement(ctx, e.placementId);
  if (!r) return;
  const { current, approvals } = await loadAgreement(ctx.db, e.placementId);
  if (current?.version !== e.version) return; // changed again since: that version's event asks
  const wanted = (party: AgreementParty) => !hasApproval(approvals, e.version, party);
  const to: { party: 'employer' | 'handler'; r: Recipient }[] = [
    ...(wanted('employer')
      ? (await employerSide(ctx, r)).map((x) => ({ party: 'employer' as const, r: x }))
      : []),
    // The handler who made the change knows of it; the participant's handler is asked otherwise.
    ...(wanted('handler')
      ? (await providerSide(ctx, r))
          .filter((u) => u.id === r.handlerId && u.id !== current.changedBy)
          .map((x) => ({ party: 'handler' as const, r: x }))
      : []),
  ];
  const partyOf = new Map(to.map((x) => [x.r, x.party]));
  return queueMails(
    ctx.db,
    to.map((x) => x.r),
    (rec) => ({
      key: eventMailKey(eventKey, rec),
      now: ctx.now(),
      template: 'agreement_approval_wanted' as const,
      data: {
        recipientName: rec.name,
        placementId: r.p.id,
        slotTitle: r.slotTitle,
        employerName: r.employerName,
        version: e.version,
        party: partyOf.get(rec) ?? 'employer',
      },
    }),
  );
}
