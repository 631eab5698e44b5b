import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { participants, users } from '../../../db/schema';
import type { Actor, Member } from '../../auth/actor';
import { assertParticipantAccess, assertProviderRole } from '../../auth/policy';
import { newId } from '../../lib/ids';
import { listPage } from '../../lib/pagination';
import { type FieldError, notFound, unprocessable } from '../../lib/problem';
import { normaliseWindows } from '../../lib/schedule';
import type { ServiceContext } from '../context';
import { mapConstraints } from '../db-errors';
import { eraseParticipant, exportParticipant } from '../placements/erasure';
import { preparedOnce } from '../prepared';
import { locate } from '../sites';
import type { ParticipantCreate, ParticipantListQuery, ParticipantUpdate } from './schemas';

export type ParticipantRow = typeof participants.$inferSelect;

export const toParticipant = (p: ParticipantRow) => ({
  id: p.id,
  organizationId: p.organizationId,
  handlerId: p.handlerId,
  reference: p.reference,
  strengths: p.strengths,
  interests: p.interests,
  avoid: p.avoid,
  availability: p.availability,
  hoursPerWeek: { now: p.hoursNow, target: p.hoursTarget },
  rampUp: p.rampUp,
  adaptationNeeds: p.adaptationNeeds,
  location: { municipalityCode: p.municipalityCode, lat: p.lat, lon: p.lon },
  maxTravelKm: p.maxTravelKm,
  preferences: p.preferences,
  status: p.status,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});
export type Participant = ReturnType<typeof toParticipant>;

function consistencyErrors(p: ParticipantRow): FieldError[] {
  const errors: FieldError[] = [];
  if (p.hoursNow > p.hoursTarget)
    errors.push({ path: 'hoursPerWeek.now', message: 'must not exceed the target' });
  let previous = { afterWeeks: 0, hoursPerWeek: p.hoursNow };
  p.rampUp.forEach((step, i) => {
    if (step.afterWeeks <= previous.afterWeeks && i > 0)
      errors.push({
        path: `rampUp.${i}.afterWeeks`,
        message: 'steps must come in increasing order of weeks',
      });
    if (step.hoursPerWeek < previous.hoursPerWeek)
      errors.push({
        path: `rampUp.${i}.hoursPerWeek`,
        message: 'hours must not decrease from one step to the next',
      });
    if (step.hoursPerWeek > p.hoursTarget)
      errors.push({ path: `rampUp.${i}.hoursPerWeek`, message: 'must not exceed hoursPerWeek.target' });
    previous = step;
  });
  if (new Set(p.adaptationNeeds.map((n) => n.code)).size !== p.adaptationNeeds.length)
    errors.push({ path: 'adaptationNeeds', message: 'lists an adaptation code twice' });
  return errors;
}

function applyFields(base: Partial<ParticipantRow>, input: ParticipantUpdate): Partial<ParticipantRow> {
  const row: Partial<ParticipantRow> = { ...base };
  for (const key of [
    'reference',
    'strengths',
    'interests',
    'avoid',
    'rampUp',
    'adaptationNeeds',
    'maxTravelKm',
  ] as const)
    if (input[key] !== undefined) (row as Record<string, unknown>)[key] = input[key];
  if (input.preferences !== undefined) row.preferences = input.preferences;
  if (input.status !== undefined) row.status = input.status;
  if (input.availability !== undefined) row.availability = normaliseWindows(input.availability);
  if (input.hoursPerWeek !== undefined) {
    row.hoursNow = input.hoursPerWeek.now;
    row.hoursTarget = input.hoursPerWeek.target;
  }
  if (input.location !== undefined) {
    row.municipalityCode = input.location.municipalityCode;
    Object.assign(row, locate(input.location.municipalityCode, input.location.lat, input.location.lon));
  }
  if (input.rampUp !== undefined) row.rampUp = [...input.rampUp].sort((a, b) => a.afterWeeks - b.afterWeeks);
  return row;
}

const duplicateReference = {
  'participants.organization_id, participants.reference':
    'Your organization already has a participant with this reference.',
};

/**
 * Participants, pseudonymous and visible only inside the provider organization that registered
 * them. Matching and disclosure to employers are separate services that check consent.
 */
export function participantService(ctx: ServiceContext) {
  const { db } = ctx;
  // Prepared once (services/prepared.ts): proposals and participant reads load one each time.
  const participantById = preparedOnce(() =>
    db
      .select()
      .from(participants)
      .where(eq(participants.id, sql.placeholder('id')))
      .prepare(),
  );

  async function load(actor: Actor, id: string, mode: 'read' | 'write') {
    const row = await participantById().get({ id });
    if (!row || row.status === 'erased') throw notFound('Participant', id);
    assertParticipantAccess(actor, row.organizationId, mode, id);
    return row;
  }

  async function assertHandler(actor: Member, handlerId: string) {
    const [user] = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, handlerId),
          eq(users.organizationId, actor.organizationId),
          inArray(users.role, ['handler', 'admin']),
        ),
      );
    if (!user)
      throw unprocessable('The responsible handler must be a handler in your organization.', [
        { path: 'handlerId', message: 'is not a handler of your organization' },
      ]);
  }

  function assertConsistent(row: ParticipantRow) {
    const errors = consistencyErrors(row);
    if (errors.length) throw unprocessable('The participant’s fields do not fit together.', errors);
  }

  return {
    load,

    async create(actor: Actor, input: ParticipantCreate) {
      assertProviderRole(actor, ['handler', 'admin'], 'register participants');
      const handlerId = input.handlerId ?? actor.userId;
      if (actor.role !== 'handler' || handlerId !== actor.userId) await assertHandler(actor, handlerId);
      const now = ctx.now();
      const row = {
        ...applyFields({}, input),
        id: newId('participant'),
        organizationId: actor.organizationId,
        handlerId,
        status: 'active',
        version: 1,
        createdAt: now,
        updatedAt: now,
      } as ParticipantRow;
      assertConsistent(row);
      await mapConstraints(() => db.insert(participants).values(row), { unique: duplicateReference });
      return toParticipant(row);
    },

    async get(actor: Actor, id: string) {
      return toParticipant(await load(actor, id, 'read'));
    },

    async list(actor: Actor, q: ParticipantListQuery) {
      assertProviderRole(actor, ['handler', 'admin', 'coordinator'], 'list participants');
      const handlerId = q.handlerId === 'me' ? actor.userId : q.handlerId;
      const page = await listPage(q, (after, take) =>
        db
          .select()
          .from(participants)
          .where(
            and(
              eq(participants.organizationId, actor.organizationId),
              q.status
                ? eq(participants.status, q.status)
                : inArray(participants.status, ['active', 'ended']),
              handlerId ? eq(participants.handlerId, handlerId) : undefined,
              after ? gt(participants.id, after) : undefined,
            ),
          )
          .orderBy(asc(participants.id))
          .limit(take),
      );
      return { ...page, data: page.data.map(toParticipant) };
    },

    async update(actor: Actor, id: string, patch: ParticipantUpdate) {
      const existing = await load(actor, id, 'write');
      assertParticipantAccess(actor, existing.organizationId, 'write', id);
      if (patch.handlerId !== undefined && patch.handlerId !== existing.handlerId)
        await assertHandler(actor, patch.handlerId);
      const updated = {
        ...applyFields(existing, patch),
        handlerId: patch.handlerId ?? existing.handlerId,
        version: existing.version + 1,
        updatedAt: ctx.now(),
      } as ParticipantRow;
      assertConsistent(updated);
      const { id: _id, organizationId: _org, createdAt: _c, ...changes } = updated;
      await mapConstraints(() => db.update(participants).set(changes).where(eq(participants.id, id)), {
        unique: duplicateReference,
      });
      return toParticipant(updated);
    },

    /**
     * Erasure on request, not a delete: personal fields are cleared and placements stay as anonymous
     * counts for follow-up (see services/placements/erasure.ts). The record then answers 404.
     */
    async remove(actor: Actor, id: string) {
      const row = await load(actor, id, 'write');
      await eraseParticipant(ctx, actor as Member, row);
    },

    /** The participant's whole record, placements, consents and audit entries (GDPR access). */
    async export(actor: Actor, id: string) {
      const row = await load(actor, id, 'write');
      return exportParticipant(ctx, actor as Member, row, toParticipant(row));
    },
  };
}

export type ParticipantService = ReturnType<typeof participantService>;
