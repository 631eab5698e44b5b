import { and, asc, desc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import {
  auditLog,
  consents,
  type DeclineReason,
  type DisclosableField,
  type OutcomeCategory,
  type PlacementState,
  participants,
  placementCheckIns,
  placementHours,
  placementMeetings,
  placements,
  placementTransitions,
  slotSupervisors,
  slots,
  supervisors,
} from '../../../db/schema';
import type { Actor, Member } from '../../auth/actor';
import { assertProviderRole, isPlatform } from '../../auth/policy';
import { newId } from '../../lib/ids';
import { addDays, localDate } from '../../lib/local-time';
import { listPage } from '../../lib/pagination';
import { conflict, forbidden, notFound, unprocessable } from '../../lib/problem';
import { notifyStatement } from '../../outbox/notify';
import type { ServiceContext } from '../context';
import { mapConstraints } from '../db-errors';
import type { participantService } from '../participants';
import { assertPlacementAccess, readRoles } from './access';
import { type AuditEntryInput, type auditService, auditValues } from './audit';
import { defaultConsentExpiry, disclose, MAX_CONSENT_DAYS } from './disclosure';
import { type Action, holdingStates, type Side, transitionFrom } from './states';
import { capacityProblem, isNotApplied, type TransitionPlan, transitionStatements } from './transition';
import { type PlacementRow, toCheckIn, toHours, toMeeting, toPlacement, toTransition } from './view';

type ConsentRow = typeof consents.$inferSelect;
type ParticipantRow = typeof participants.$inferSelect;

export interface ProposalInput {
  participantId: string;
  slotId: string;
  supervisorId?: string;
  disclose: DisclosableField[];
  consentExpiresAt?: string;
}

export interface PlacementListQuery {
  state?: PlacementState;
  participantId?: string;
  slotId?: string;
  limit: number;
  cursor?: string;
}

const duplicateLive = {
  'placements.participant_id, placements.slot_id':
    'This participant already has a live placement (proposed, accepted or started) on this slot.',
};

const consentKey = (participantId: string, employerOrganizationId: string) =>
  `${participantId}|${employerOrganizationId}`;

/**
 * Placements from proposal to outcome. See states.ts for the state machine and who moves it,
 * transition.ts for how a transition keeps capacity without interactive transactions, and
 * disclosure.ts for what the employer sees.
 */
export function placementService(
  ctx: ServiceContext,
  deps: { participants: ReturnType<typeof participantService>; audit: ReturnType<typeof auditService> },
) {
  const { db } = ctx;

  async function loadRow(id: string) {
    const [row] = await db.select().from(placements).where(eq(placements.id, id));
    if (!row) throw notFound('Placement', id);
    return row;
  }

  /** The newest consent per (participant, employer) for a set of placements. */
  async function consentsFor(rows: PlacementRow[]) {
    const map = new Map<string, ConsentRow>();
    if (rows.length === 0) return map;
    const found = await db
      .select()
      .from(consents)
      .where(inArray(consents.participantId, [...new Set(rows.map((r) => r.participantId))]))
      .orderBy(desc(consents.id));
    for (const c of found) {
      const key = consentKey(c.participantId, c.employerOrganizationId);
      if (!map.has(key)) map.set(key, c);
    }
    return map;
  }

  async function participantsFor(rows: PlacementRow[]) {
    const ids = [...new Set(rows.map((r) => r.participantId))];
    if (ids.length === 0) return new Map<string, ParticipantRow>();
    const found = await db.select().from(participants).where(inArray(participants.id, ids));
    return new Map(found.map((p) => [p.id, p]));
  }

  /**
   * Shows placements to one side. Every employer-side view that carries participant fields writes a
   * `read` audit entry (who, which fields, when) before the answer leaves.
   */
  async function present(actor: Member, side: Side, rows: PlacementRow[]) {
    const now = ctx.now();
    const [consentMap, participantMap] = await Promise.all([consentsFor(rows), participantsFor(rows)]);
    const reads: AuditEntryInput[] = [];
    const views = rows.map((row) => {
      const consent = consentMap.get(consentKey(row.participantId, row.employerOrganizationId));
      const participant = participantMap.get(row.participantId);
      const disclosure = disclose(participant, consent, now);
      if (side === 'employer' && disclosure.fields.length > 0)
        reads.push({
          actor,
          participantId: row.participantId,
          providerOrganizationId: row.providerOrganizationId,
          action: 'read',
          fields: disclosure.fields,
          placementId: row.id,
        });
      return toPlacement(row, side, { consent, participant, disclosure, now });
    });
    await deps.audit.record(reads);
    return views;
  }

  async function details(actor: Member, side: Side, row: PlacementRow) {
    const [[view], hours, checkIns, meetings, history] = await Promise.all([
      present(actor, side, [row]),
      db
        .select()
        .from(placementHours)
        .where(eq(placementHours.placementId, row.id))
        .orderBy(asc(placementHours.weekStart)),
      side === 'provider'
        ? db
            .select()
            .from(placementCheckIns)
            .where(eq(placementCheckIns.placementId, row.id))
            .orderBy(asc(placementCheckIns.date), asc(placementCheckIns.id))
        : Promise.resolve([]),
      db
        .select()
        .from(placementMeetings)
        .where(eq(placementMeetings.placementId, row.id))
        .orderBy(asc(placementMeetings.date), asc(placementMeetings.id)),
      db
        .select()
        .from(placementTransitions)
        .where(eq(placementTransitions.placementId, row.id))
        .orderBy(asc(placementTransitions.id)),
    ]);
    return {
      ...view!,
      hours: hours.map((h) => toHours(h, side)),
      ...(side === 'provider' ? { checkIns: checkIns.map(toCheckIn) } : {}),
      meetings: meetings.map((m) => toMeeting(m, actor.organizationId)),
      history: history.map((h) => toTransition(h, actor.organizationId)),
    };
  }

  /** Why a transition batch did not apply, read after the fact. */
  async function explainNotApplied(id: string, action: Action, expected: PlacementState) {
    const row = await loadRow(id);
    if (row.state !== expected && !transitionFrom(action, row.state))
      return conflict(
        `The placement is ${row.state}; it cannot be moved by ${action}.`,
        'illegal-transition',
      );
    if (row.state !== expected) return undefined; // changed meanwhile to a state the action accepts: retry
    if (action === 'accept') {
      const [slot] = await db.select({ status: slots.status }).from(slots).where(eq(slots.id, row.slotId));
      if (slot?.status === 'closed') return conflict('The slot is closed; it takes no one.', 'slot-closed');
      return conflict('The participant is no longer active.', 'participant-inactive');
    }
    return conflict('The placement changed while you acted; read it and try again.', 'changed');
  }

  /** Runs one action: checks it is legal and allowed, then applies it atomically (retrying once if the state moved meanwhile). */
  async function move(
    actor: Actor,
    id: string,
    action: Action,
    build: (row: PlacementRow) => Promise<Partial<TransitionPlan>> | Partial<TransitionPlan>,
  ) {
    for (let attempt = 0; ; attempt++) {
      const row = await loadRow(id);
      const { side } = assertPlacementAccess(actor, row, 'read');
      const t = transitionFrom(action, row.state);
      if (!t)
        throw conflict(
          `The placement is ${row.state}; it cannot be moved by ${action}.`,
          'illegal-transition',
        );
      const { actor: member } = assertPlacementAccess(actor, row, 'write', t.sides);
      const extra = await build(row);
      const plan: TransitionPlan = {
        placement: row,
        from: t.from,
        to: t.to as TransitionPlan['to'],
        effect: t.effect,
        actor: member,
        ...extra,
      };
      try {
        await db.batch(transitionStatements(ctx, plan) as never);
        return details(member, side, await loadRow(id));
      } catch (err) {
        const capacity = capacityProblem(err);
        if (capacity) throw capacity;
        if (!isNotApplied(err)) throw err;
        const problem = await explainNotApplied(id, action, t.from);
        if (problem) throw problem;
        if (attempt >= 1)
          throw conflict('The placement changed while you acted; read it and try again.', 'changed');
      }
    }
  }

  async function assertServesSlot(slotId: string, supervisorId: string, path: string) {
    const [link] = await db
      .select()
      .from(slotSupervisors)
      .where(and(eq(slotSupervisors.slotId, slotId), eq(slotSupervisors.supervisorId, supervisorId)));
    if (!link)
      throw unprocessable('The supervisor does not serve this slot.', [
        { path, message: 'is not one of the slot’s supervisors' },
      ]);
  }

  function assertDateNotFuture(date: string, path: string) {
    if (date > localDate(ctx.now()))
      throw unprocessable('The date is in the future.', [{ path, message: 'must not be after today' }]);
  }

  async function loadFor(actor: Actor, id: string, mode: 'read' | 'write', sides?: Side[]) {
    const row = await loadRow(id);
    return { row, ...assertPlacementAccess(actor, row, mode, sides) };
  }

  function consentExpiry(requested: string | undefined, path: string) {
    const now = ctx.now();
    if (!requested) return defaultConsentExpiry(now);
    const at = new Date(requested).toISOString();
    const max = new Date(Date.parse(now) + MAX_CONSENT_DAYS * 86_400_000).toISOString();
    if (at <= now || at > max)
      throw unprocessable('The consent must expire in the future, within two years.', [
        { path, message: 'must be after now and within two years' },
      ]);
    return at;
  }

  return {
    async propose(actor: Actor, input: ProposalInput) {
      assertProviderRole(actor, ['handler', 'admin'], 'propose placements');
      const participant = await deps.participants.load(actor, input.participantId, 'write');
      if (participant.status !== 'active')
        throw conflict('Only an active participant can be proposed.', 'participant-inactive');
      const [slot] = await db.select().from(slots).where(eq(slots.id, input.slotId));
      if (!slot)
        throw unprocessable('The slot does not exist.', [{ path: 'slotId', message: 'refers to no slot' }]);
      if (slot.status !== 'open')
        throw conflict(`The slot is ${slot.status}; proposals go to open slots only.`, 'slot-not-open');
      if (input.supervisorId) await assertServesSlot(slot.id, input.supervisorId, 'supervisorId');
      const expiresAt = consentExpiry(input.consentExpiresAt, 'consentExpiresAt');
      const now = ctx.now();
      const fields = [...new Set(input.disclose)];
      const id = newId('placement');
      // Consents, transitions, check-ins and meetings share the generic event prefix (evt_).
      const consentId = newId('event');
      await mapConstraints(
        () =>
          db.batch([
            db.insert(consents).values({
              id: consentId,
              participantId: participant.id,
              employerOrganizationId: slot.organizationId,
              fields,
              givenBy: actor.userId,
              givenAt: now,
              expiresAt,
            }),
            db.insert(placements).values({
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
              version: 1,
              createdAt: now,
              updatedAt: now,
            }),
            db.insert(placementTransitions).values({
              id: newId('event'),
              placementId: id,
              state: 'proposed',
              at: now,
              actorUserId: actor.userId,
              actorOrganizationId: actor.organizationId,
            }),
            db.insert(auditLog).values(
              auditValues(
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
            ),
            notifyStatement(db, { event: 'placement.proposed', placementId: id }, now),
          ]),
        { unique: duplicateLive },
      );
      return details(actor, 'provider', await loadRow(id));
    },

    async get(actor: Actor, id: string) {
      const { row, side, actor: member } = await loadFor(actor, id, 'read');
      return details(member, side, row);
    },

    /**
     * Placements visible to the caller: a provider sees its participants' placements, an employer
     * the placements on its slots (with disclosed fields only). Ordered by id (creation).
     */
    async list(actor: Actor, q: PlacementListQuery) {
      if (isPlatform(actor) || actor.kind !== 'member')
        throw forbidden('Placements hold participant data; the platform admin cannot list them.');
      const side: Side = actor.organizationKind === 'provider' ? 'provider' : 'employer';
      if (!readRoles[side].includes(actor.role))
        throw forbidden(`The ${actor.role} role may not read placements.`);
      const scope: SQL =
        side === 'provider'
          ? eq(placements.providerOrganizationId, actor.organizationId)
          : eq(placements.employerOrganizationId, actor.organizationId);
      const page = await listPage(q, (after, take) =>
        db
          .select()
          .from(placements)
          .where(
            and(
              scope,
              q.state ? eq(placements.state, q.state) : undefined,
              q.participantId ? eq(placements.participantId, q.participantId) : undefined,
              q.slotId ? eq(placements.slotId, q.slotId) : undefined,
              after ? gt(placements.id, after) : undefined,
            ),
          )
          .orderBy(asc(placements.id))
          .limit(take),
      );
      return { ...page, data: await present(actor, side, page.data) };
    },

    accept(actor: Actor, id: string, input: { supervisorId?: string }) {
      return move(actor, id, 'accept', async (row) => {
        if (input.supervisorId) await assertServesSlot(row.slotId, input.supervisorId, 'supervisorId');
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

    decline(actor: Actor, id: string, input: { reason: DeclineReason; note?: string }) {
      return move(actor, id, 'decline', () => ({
        set: { declineReason: input.reason, note: input.note ?? null },
      }));
    },

    withdraw(actor: Actor, id: string, input: { note?: string }) {
      return move(actor, id, 'withdraw', () => ({
        set: { withdrawnByOrganizationId: (actor as Member).organizationId, note: input.note ?? null },
      }));
    },

    // Dates are checked inside `move`, after access: a stranger learns nothing from a 422.
    start(actor: Actor, id: string, input: { date?: string }) {
      return move(actor, id, 'start', () => {
        const date = input.date ?? localDate(ctx.now());
        assertDateNotFuture(date, 'date');
        return { set: { startDate: date } };
      });
    },

    end(
      actor: Actor,
      id: string,
      input: { date?: string; outcome: OutcomeCategory; hiredByEmployer: boolean },
    ) {
      return move(actor, id, 'end', (row) => {
        const date = input.date ?? localDate(ctx.now());
        assertDateNotFuture(date, 'date');
        if (row.startDate && date < row.startDate)
          throw unprocessable('A placement cannot end before it started.', [
            { path: 'date', message: `must not be before the start date ${row.startDate}` },
          ]);
        return { set: { endDate: date, outcome: input.outcome, hiredByEmployer: input.hiredByEmployer } };
      });
    },

    /**
     * Records the hours actually worked in one week (re-recording a week corrects it). Either side
     * may record: the supervisor sees the hours, the handler hears them from the participant.
     */
    async recordHours(actor: Actor, id: string, input: { weekStart: string; hours: number }) {
      const { row, side, actor: member } = await loadFor(actor, id, 'write');
      if (row.state !== 'started' && row.state !== 'ended')
        throw conflict(
          `Hours are recorded for started or ended placements; this one is ${row.state}.`,
          'illegal-state',
        );
      const errors = [];
      if (row.startDate && addDays(input.weekStart, 6) < row.startDate)
        errors.push({ path: 'weekStart', message: `is a week before the start date ${row.startDate}` });
      if (row.endDate && input.weekStart > row.endDate)
        errors.push({ path: 'weekStart', message: `is a week after the end date ${row.endDate}` });
      if (input.weekStart > localDate(ctx.now()))
        errors.push({ path: 'weekStart', message: 'is in the future' });
      if (errors.length) throw unprocessable('The week is outside the placement.', errors);
      const now = ctx.now();
      await db
        .insert(placementHours)
        .values({ placementId: id, ...input, recordedBy: member.userId, recordedAt: now })
        .onConflictDoUpdate({
          target: [placementHours.placementId, placementHours.weekStart],
          set: { hours: input.hours, recordedBy: member.userId, recordedAt: now },
        });
      return details(member, side, row);
    },

    /** Follow-along check-ins: the provider side only; notes are short and never health data. */
    async recordCheckIn(
      actor: Actor,
      id: string,
      input: { date: string; with: (typeof placementCheckIns.$inferInsert)['with']; note: string },
    ) {
      const { row, side, actor: member } = await loadFor(actor, id, 'write', ['provider']);
      if (!['accepted', ...holdingStates, 'ended'].includes(row.state))
        throw conflict(
          `Check-ins follow accepted, started or ended placements; this one is ${row.state}.`,
          'illegal-state',
        );
      assertDateNotFuture(input.date, 'date');
      const checkIn = {
        id: newId('event'),
        placementId: id,
        ...input,
        recordedBy: member.userId,
        createdAt: ctx.now(),
      };
      await db.insert(placementCheckIns).values(checkIn);
      return { checkIn: toCheckIn(checkIn), placement: await details(member, side, row) };
    },

    /** Meetings (study visit, introduction, three-party): either side; a note is seen only by its writer's organization. */
    async recordMeeting(
      actor: Actor,
      id: string,
      input: { date: string; kind: (typeof placementMeetings.$inferInsert)['kind']; note?: string },
    ) {
      const { row, side, actor: member } = await loadFor(actor, id, 'write');
      if (row.state === 'declined' || row.state === 'withdrawn')
        throw conflict(`The placement is ${row.state}; no meetings are recorded on it.`, 'illegal-state');
      const meeting = {
        id: newId('event'),
        placementId: id,
        date: input.date,
        kind: input.kind,
        note: input.note ?? null,
        recordedBy: member.userId,
        recordedByOrganizationId: member.organizationId,
        createdAt: ctx.now(),
      };
      await db.insert(placementMeetings).values(meeting);
      return {
        meeting: toMeeting(meeting, member.organizationId),
        placement: await details(member, side, row),
      };
    },

    /**
     * Changes what the participant agreed to show this employer (a new consent row; `[]` revokes).
     * Applies to every placement of the participant with that employer.
     */
    async changeConsent(
      actor: Actor,
      id: string,
      input: { disclose: DisclosableField[]; expiresAt?: string },
    ) {
      const { row, side, actor: member } = await loadFor(actor, id, 'write', ['provider']);
      const now = ctx.now();
      const fields = [...new Set(input.disclose)];
      const expiresAt = consentExpiry(input.expiresAt, 'expiresAt');
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
      return details(member, side, row);
    },
  };
}

export type PlacementService = ReturnType<typeof placementService>;
