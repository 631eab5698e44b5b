/**
 * Placement events → mails. Who is told what:
 * - proposed: the slot's supervisor (the one named, else every supervisor of the slot) and the
 *   employer's contact address; only while the placement is still proposed when this runs;
 * - accepted / declined: the participant's handler (and the proposer, if someone else);
 * - withdrawn: by the provider, the people who were told of the proposal (and the employer side if
 *   it had accepted); by the employer (an acceptance taken back), the handler;
 * - started: schedules the follow-along reminders (src/services/notifications/followup.ts);
 * - ended: a hire schedules its follow-ups at 3, 6 and 12 months (src/services/follow-ups);
 *   the follow-along reminders stop by themselves.
 * Mails name the slot and the employer only: never the participant's reference, the handler to the
 * employer, or the free-text note.
 */
import type { BatchItem } from '../../../adapters/db/types';
import { storedTemplateData } from '../../../mail/templates';
import type { DomainEvent } from '../../../outbox/notify';
import { milestoneStatements } from '../../follow-ups/milestones';
import type { NotifyContext } from '../context';
import { firstFollowUpStatement } from '../followup';
import { notifyQueries } from '../queries';
import { eventMailKey, queueMails, type Recipient } from '../queue';

type PlacementEvent = Extract<DomainEvent, { event: `placement.${string}` }>;

export async function loadPlacement(ctx: NotifyContext, id: string) {
  return notifyQueries(ctx.db).placementWithNames(id);
}
type Loaded = NonNullable<Awaited<ReturnType<typeof loadPlacement>>>;

/** D1 binds at most 100 parameters per statement. */
const ID_CHUNK = 90;

/**
 * The placements of several events, read together (a notify pass's placement events: one statement
 * instead of one per event), by id; an id that names no placement is absent, as loadPlacement
 * answers none for it.
 */
export async function loadPlacements(ctx: NotifyContext, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const loaded = new Map<string, Loaded>();
  for (let i = 0; i < unique.length; i += ID_CHUNK)
    for (const r of await notifyQueries(ctx.db).placementsWithNames(unique.slice(i, i + ID_CHUNK)))
      loaded.set(r.p.id, r);
  return loaded;
}

export async function employerSide(ctx: NotifyContext, r: Loaded): Promise<Recipient[]> {
  const sups = await notifyQueries(ctx.db).supervisorsFor(r.p.slotId, r.p.supervisorId);
  const organizationId = r.p.employerOrganizationId;
  return [
    ...sups.map((s) => ({
      kind: 'supervisor' as const,
      id: s.id,
      email: s.email,
      name: s.name,
      organizationId,
    })),
    { kind: 'organization' as const, id: organizationId, email: r.employerEmail, name: null, organizationId },
  ];
}

export async function providerSide(ctx: NotifyContext, r: Loaded): Promise<Recipient[]> {
  const ids = [...new Set([r.handlerId, r.p.proposedBy])];
  const people = await notifyQueries(ctx.db).usersById(ids);
  return people
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    .map((u) => ({ kind: 'user' as const, ...u, organizationId: r.p.providerOrganizationId }));
}

/** The people the proposal mail went to, so a withdrawal reaches exactly them. */
async function toldOfProposal(ctx: NotifyContext, placementId: string): Promise<Recipient[]> {
  const prefix = `notify:placement.proposed:${placementId}`;
  // A key range on the unique index (D1 refuses LIKE patterns over 50 bytes): ':' + 1 = ';'.
  const rows = await notifyQueries(ctx.db).notificationsInKeyRange(
    'placement_proposed',
    `${prefix}:`,
    `${prefix};`,
  );
  return rows.map((n) => ({
    kind: n.recipientKind,
    id: n.recipientId,
    email: n.recipientEmail,
    organizationId: n.organizationId,
    name: storedTemplateData('placement_proposed', n.data).recipientName ?? null,
  }));
}

/**
 * Queues the mails of one placement event. With `into`, the mails' statements are added to it for
 * the caller to run (the notify handler's pass: notify-handler.ts); started and ended events write
 * at once either way. `loaded`: the placement as the pass read it with the others (loadPlacements).
 */
export async function placementMails(
  ctx: NotifyContext,
  eventKey: string,
  e: PlacementEvent,
  into?: BatchItem[],
  loaded?: ReadonlyMap<string, Loaded>,
) {
  const r = loaded ? loaded.get(e.placementId) : await loadPlacement(ctx, e.placementId);
  if (!r) return;
  const base = (to: Recipient) => ({
    recipientName: to.name,
    placementId: r.p.id,
    slotTitle: r.slotTitle,
    employerName: r.employerName,
  });
  const common = (to: Recipient) => ({ key: eventMailKey(eventKey, to), now: ctx.now() });

  switch (e.event) {
    case 'placement.proposed':
      if (r.p.state !== 'proposed') return; // answered or withdrawn before we got here: nothing to ask
      return queueMails(
        ctx.db,
        await employerSide(ctx, r),
        (to) => ({ ...common(to), template: 'placement_proposed' as const, data: base(to) }),
        into,
      );
    case 'placement.accepted':
      return queueMails(
        ctx.db,
        await providerSide(ctx, r),
        (to) => ({ ...common(to), template: 'placement_accepted' as const, data: base(to) }),
        into,
      );
    case 'placement.declined':
      return queueMails(
        ctx.db,
        await providerSide(ctx, r),
        (to) => ({
          ...common(to),
          template: 'placement_declined' as const,
          data: { ...base(to), declineReason: r.p.declineReason },
        }),
        into,
      );
    case 'placement.withdrawn': {
      const byEmployer = r.p.withdrawnByOrganizationId === r.p.employerOrganizationId;
      // The coach withdrew: tell whoever heard of the proposal, and the employer side if it had accepted.
      const to = byEmployer
        ? await providerSide(ctx, r)
        : [...(await toldOfProposal(ctx, r.p.id)), ...(r.p.acceptedAt ? await employerSide(ctx, r) : [])];
      return queueMails(
        ctx.db,
        to,
        (t) => ({ ...common(t), template: 'placement_withdrawn' as const, data: { ...base(t), byEmployer } }),
        into,
      );
    }
    case 'placement.started': {
      const first = firstFollowUpStatement(ctx, r.p);
      if (first) await ctx.db.batch([first]);
      return;
    }
    case 'placement.ended':
      // A hire: follow-ups 3, 6 and 12 months on, like an exit's.
      if (r.p.hiredByEmployer && r.p.endDate) {
        const [first, ...rest] = milestoneStatements(
          ctx.db,
          {
            participantId: r.p.participantId,
            providerOrganizationId: r.p.providerOrganizationId,
            cause: 'hire',
            placementId: r.p.id,
            baseDate: r.p.endDate,
          },
          ctx.now(),
        );
        if (first) await ctx.db.batch([first, ...rest]);
      }
      return;
  }
}
