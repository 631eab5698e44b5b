/**
 * One state transition as one atomic batch, without interactive transactions (D1 has none):
 *
 * 1. a conditional UPDATE moves the placement (`WHERE state = <from>` plus guards) and writes a fresh
 *    transition token;
 * 2. the history row takes its placement id through that token: when step 1 matched no row the id is
 *    NULL, the NOT NULL constraint fails and the whole batch is rolled back, so no counter moves and
 *    no event is emitted for a transition that did not happen;
 * 3. the counters move only `WHERE EXISTS (placement with this token)` (belt and braces), and their
 *    CHECK constraints (`slots_places`, `supervisors_room`) abort the batch instead of overbooking;
 * 4. the slot change log (for the slot and every slot of the supervisor whose room moved), the search
 *    sync and the domain event go in the same batch.
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { placements, placementTransitions, slots, supervisors } from '../../../db/schema';
import type { Member } from '../../auth/actor';
import { errorText } from '../../lib/faults';
import { newId } from '../../lib/ids';
import { conflict } from '../../lib/problem';
import { notifyStatement } from '../../outbox/notify';
import type { ServiceContext } from '../context';
import { isCheckViolation } from '../db-errors';
import { rowInsert, rowUpdateReturning, storedRow } from '../raw-writes';
import { slotChangedStatements, supervisorRoomChangedStatement } from '../search/sync-statements';
import type { PlaceEffect, TargetState } from './states';
import type { PlacementRow } from './view';

const stampColumn = {
  proposed: 'proposedAt',
  accepted: 'acceptedAt',
  declined: 'declinedAt',
  withdrawn: 'withdrawnAt',
  started: 'startedAt',
  ended: 'endedAt',
} as const;

export interface TransitionPlan {
  placement: Pick<PlacementRow, 'id' | 'slotId'>;
  from: PlacementRow['state'];
  to: TargetState;
  effect: PlaceEffect;
  actor: Member | { userId: null; organizationId: null };
  /** Further columns to set, e.g. the outcome; may hold SQL (the supervisor chosen in the batch). */
  set?: Record<string, unknown>;
  /** Further conditions the change needs, checked inside the statement. */
  guards?: SQL[];
}

/**
 * Fixed SQL (raw-writes.ts): no builder on the way of every move. The update returns the row it
 * left (`movedRow`), so the answer needs no read of it after the batch.
 */
const updatePlacement = rowUpdateReturning(placements);
/** The placement as the batch's first statement returned it (none: the move did not apply). */
export const movedRow = storedRow(placements);
/** A history row (a proposal's first, or a move's). */
export const insertTransition = rowInsert(placementTransitions, [
  'id',
  'placementId',
  'state',
  'at',
  'actorUserId',
  'actorOrganizationId',
]);

const withToken = (id: string, token: string) =>
  sql`(SELECT "id" FROM "placements" WHERE "id" = ${id} AND "transition_token" = ${token})`;

/**
 * The statements of one transition; the batch fails as a whole when the transition did not happen.
 * The first returns the moved placement (movedRow).
 */
export function transitionStatements(ctx: ServiceContext, plan: TransitionPlan) {
  const { db } = ctx;
  const now = ctx.now();
  const token = crypto.randomUUID();
  const id = plan.placement.id;
  return [
    updatePlacement(
      db,
      {
        ...plan.set,
        state: plan.to,
        [stampColumn[plan.to]]: now,
        transitionToken: token,
        version: sql`"version" + 1`,
        updatedAt: now,
      },
      and(sql`"id" = ${id}`, sql`"state" = ${plan.from}`, ...(plan.guards ?? []))!,
    ),
    insertTransition(db, {
      id: newId('event'),
      placementId: withToken(id, token),
      state: plan.to,
      at: now,
      actorUserId: plan.actor.userId,
      actorOrganizationId: plan.actor.organizationId,
    }),
    ...(plan.effect === 'none' ? [] : placeStatements(ctx, plan, token)),
    notifyStatement(db, { event: `placement.${plan.to}`, placementId: id }, now, token),
  ] as const;
}

/** The counters and change log of a move that takes or frees a place (accept; withdraw after accept; end). */
function placeStatements(ctx: ServiceContext, plan: TransitionPlan, token: string) {
  const { db } = ctx;
  const id = plan.placement.id;
  const hasToken = sql`EXISTS ${withToken(id, token)}`;
  const supervisorOfToken = sql`(SELECT ${placements.supervisorId} FROM ${placements} WHERE ${placements.id} = ${id} AND ${placements.transitionToken} = ${token})`;
  const step = plan.effect === 'take' ? 1 : -1;
  return [
    db
      .update(slots)
      .set({ taken: sql`${slots.taken} + ${step}` })
      .where(and(eq(slots.id, plan.placement.slotId), hasToken)),
    db
      .update(supervisors)
      .set({ activePlacements: sql`${supervisors.activePlacements} + ${step}` })
      .where(sql`${supervisors.id} = ${supervisorOfToken}`),
    ...slotChangedStatements(ctx, plan.placement.slotId),
    supervisorRoomChangedStatement(ctx, supervisorOfToken, plan.placement.slotId),
  ];
}

/** The transition did not happen because the placement was no longer in the expected state or a guard failed. */
export const isNotApplied = (err: unknown) =>
  /NOT NULL constraint failed: placement_transitions\.placement_id/i.test(errorText(err));

/** Capacity refusals from the CHECK constraints, as 409 problems; undefined for anything else. */
export function capacityProblem(err: unknown) {
  if (isCheckViolation(err, 'slots_places'))
    return conflict('The slot has no free place left; every place is taken.', 'slot-full');
  if (isCheckViolation(err, 'supervisors_room'))
    return conflict(
      'The supervisor has no room for another participant; name another supervisor of the slot.',
      'supervisor-full',
    );
  if (isCheckViolation(err, 'placements_supervised'))
    return conflict(
      'No supervisor of this slot has room (or the named supervisor no longer serves the slot).',
      'no-supervisor-room',
    );
  return undefined;
}
