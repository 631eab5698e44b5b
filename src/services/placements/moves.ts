/**
 * The moves of the state machine (states.ts): accept, decline, withdraw, start, end. Each checks that
 * the move is legal and the caller's side and role may make it, then applies it as one atomic batch
 * (transition.ts), retrying once if the state moved meanwhile.
 */
import { eq, sql } from 'drizzle-orm';
import { type PlacementState, participants, slotSupervisors, slots, supervisors } from '../../../db/schema';
import type { Actor, Member } from '../../auth/actor';
import { localDate } from '../../lib/local-time';
import { conflict, unprocessable } from '../../lib/problem';
import { allApprovedGuard, startReadiness } from '../agreements/load';
import type { ServiceContext } from '../context';
import { assertPlacementAccess } from './access';
import { auditStatementWhere } from './audit';
import { assertDateNotFuture, assertServesSlot } from './checks';
import type { PlacementViews } from './present';
import type { Accept, Decline, End, Start, Withdraw } from './schemas';
import { type Action, recordsAfter, transitionFrom } from './states';
import {
  capacityProblem,
  isNotApplied,
  movedRow,
  type TransitionPlan,
  transitionStatements,
} from './transition';
import type { PlacementRow } from './view';

const illegal = (state: PlacementState, action: Action) =>
  conflict(`The placement is ${state}; it cannot be moved by ${action}.`, 'illegal-transition');
const partyNames = { participant: 'the participant', employer: 'the employer', handler: 'the handler' };
const notApproved = (version: number | null, missing: readonly (keyof typeof partyNames)[]) =>
  conflict(
    version === null
      ? 'The placement starts once its agreement is drafted and approved by the participant, the employer and the handler.'
      : `The placement starts once version ${version} of its agreement is approved by all three; not yet approved by: ${missing.map((p) => partyNames[p]).join(', ')}.`,
    'agreement-not-approved',
  );
/** Whether a guarded insert's RETURNING rows (the batch's answer for it) say it wrote its row. */
const isWrittenRow = (rows: unknown) => Array.isArray(rows) && rows.length === 1;
const changed = () => conflict('The placement changed while you acted; read it and try again.', 'changed');

export function placementMoves(ctx: ServiceContext, views: PlacementViews) {
  const { db } = ctx;

  /** Why a transition batch did not apply, read after the fact; undefined when a retry may succeed. */
  async function explainNotApplied(id: string, action: Action, expected: PlacementState) {
    const row = await views.loadRow(id);
    if (row.state !== expected && !transitionFrom(action, row.state)) return illegal(row.state, action);
    if (row.state !== expected) return undefined; // changed meanwhile to a state the action accepts: retry
    if (action === 'accept') {
      const [slot] = await db.select({ status: slots.status }).from(slots).where(eq(slots.id, row.slotId));
      if (slot?.status === 'closed') return conflict('The slot is closed; it takes no one.', 'slot-closed');
      return conflict('The participant is no longer active.', 'participant-inactive');
    }
    return changed();
  }

  async function move(
    actor: Actor,
    id: string,
    action: Action,
    build: (row: PlacementRow, member: Member) => Promise<Partial<TransitionPlan>> | Partial<TransitionPlan>,
  ) {
    for (let attempt = 0; ; attempt++) {
      const row = await views.loadRow(id);
      const { side } = assertPlacementAccess(actor, row, 'read');
      const t = transitionFrom(action, row.state);
      if (!t) throw illegal(row.state, action);
      const { actor: member } = assertPlacementAccess(actor, row, 'write', t.sides);
      const extra = await build(row, member);
      const plan: TransitionPlan = {
        placement: row,
        from: t.from,
        to: t.to,
        effect: t.effect,
        actor: member,
      };
      // The employer's answer discloses participant fields: its `read` entry rides in the batch,
      // written only if what was read ahead is still so (present.ts disclosureAhead).
      const ahead = side === 'employer' ? await views.disclosureAhead(member, row) : undefined;
      try {
        const statements = transitionStatements(ctx, { ...plan, ...extra });
        const [moved, ...rest] = await db.batch(
          ahead
            ? [...statements, auditStatementWhere(db, ahead.entry, ctx.now(), ahead.unchanged)]
            : statements,
        );
        const audited = ahead !== undefined && isWrittenRow(rest.at(-1));
        // The row as the update left it (it returns it), not read again; what it cannot have yet
        // (hours, check-ins) is not read either.
        return views.details(
          member,
          side,
          movedRow(moved[0]!),
          recordsAfter(t.from),
          audited ? ahead : undefined,
        );
      } catch (err) {
        const capacity = capacityProblem(err);
        if (capacity) throw capacity;
        if (!isNotApplied(err)) throw err;
        const problem = await explainNotApplied(id, action, t.from);
        if (problem) throw problem;
        if (attempt >= 1) throw changed();
      }
    }
  }

  return {
    accept(actor: Actor, id: string, input: Accept) {
      return move(actor, id, 'accept', async (row) => {
        if (input.supervisorId) await assertServesSlot(db, row.slotId, input.supervisorId, 'supervisorId');
        const named = input.supervisorId ?? row.supervisorId;
        // Chosen inside the statement, so the choice and the capacity check see the same state:
        // the named supervisor if still linked to the slot, else the one with the most room (then id).
        const supervisor = named
          ? sql`(SELECT ${slotSupervisors.supervisorId} FROM ${slotSupervisors} WHERE ${slotSupervisors.slotId} = ${row.slotId} AND ${slotSupervisors.supervisorId} = ${named})`
          : sql`(SELECT ${supervisors.id} FROM ${supervisors} JOIN ${slotSupervisors} ON ${slotSupervisors.supervisorId} = ${supervisors.id} WHERE ${slotSupervisors.slotId} = ${row.slotId} AND ${supervisors.activePlacements} < ${supervisors.maxParticipants} ORDER BY ${supervisors.maxParticipants} - ${supervisors.activePlacements} DESC, ${supervisors.id} ASC LIMIT 1)`;
        return {
          set: { supervisorId: supervisor },
          guards: [
            sql`EXISTS (SELECT 1 FROM ${slots} WHERE ${slots.id} = ${row.slotId} AND ${slots.status} <> 'closed')`,
            sql`EXISTS (SELECT 1 FROM ${participants} WHERE ${participants.id} = ${row.participantId} AND ${participants.status} = 'active')`,
          ],
        };
      });
    },

    decline(actor: Actor, id: string, input: Decline) {
      return move(actor, id, 'decline', () => ({
        set: { declineReason: input.reason, note: input.note ?? null },
      }));
    },

    withdraw(actor: Actor, id: string, input: Withdraw) {
      return move(actor, id, 'withdraw', (_row, member) => ({
        set: { withdrawnByOrganizationId: member.organizationId, note: input.note ?? null },
      }));
    },

    // Dates are checked inside `move`, after access: a stranger learns nothing from a 422.
    // Any kind but a competitive job starts only on an agreement all three have approved (issue #16).
    start(actor: Actor, id: string, input: Start) {
      return move(actor, id, 'start', async (row) => {
        const date = input.date ?? localDate(ctx.now());
        assertDateNotFuture(ctx.now(), date, 'date');
        const ready = await startReadiness(db, row.id, row.slotId);
        if (ready.required && ready.missing.length > 0) throw notApproved(ready.version, ready.missing);
        return { set: { startDate: date }, guards: [allApprovedGuard(row.id)] };
      });
    },

    end(actor: Actor, id: string, input: End) {
      return move(actor, id, 'end', (row) => {
        const date = input.date ?? localDate(ctx.now());
        assertDateNotFuture(ctx.now(), date, 'date');
        if (row.startDate && date < row.startDate)
          throw unprocessable('A placement cannot end before it started.', [
            { path: 'date', message: `must not be before the start date ${row.startDate}` },
          ]);
        return { set: { endDate: date, outcome: input.outcome, hiredByEmployer: input.hiredByEmployer } };
      });
    },
  };
}
