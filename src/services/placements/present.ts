/**
 * Reading placements and showing them to one side. Every employer-side view that carries participant
 * fields writes a `read` audit entry (who, which fields, when) before the answer leaves.
 */
import { sql } from 'drizzle-orm';
import type {
  consents,
  participants,
  placementCheckIns,
  placementHours,
  placementMeetings,
  placementTransitions,
} from '../../../db/schema';
import type { Actor, Member } from '../../auth/actor';
import { notFound } from '../../lib/problem';
import type { ServiceContext } from '../context';
import { listValues } from '../prepared';
import { assertPlacementAccess } from './access';
import type { AuditEntryInput, AuditService } from './audit';
import { disclose } from './disclosure';
import { placementQueries } from './queries';
import type { PossibleRecords, Side } from './states';
import { type PlacementRow, toCheckIn, toHours, toMeeting, toPlacement, toTransition } from './view';

type ConsentRow = typeof consents.$inferSelect;
type ParticipantRow = typeof participants.$inferSelect;

const consentKey = (participantId: string, employerOrganizationId: string) =>
  `${participantId}|${employerOrganizationId}`;

/** The `read` entry an employer-side view of `row` showing `fields` owes. */
const readEntry = (actor: Member, row: PlacementRow, fields: string[]): AuditEntryInput => ({
  actor,
  participantId: row.participantId,
  providerOrganizationId: row.providerOrganizationId,
  action: 'read',
  fields,
  placementId: row.id,
});

/** The views of `rows` from their consents and participants, and the `read` entries they owe. */
function presentWith(
  actor: Member,
  side: Side,
  rows: PlacementRow[],
  consentMap: Map<string, ConsentRow>,
  participantMap: Map<string, ParticipantRow>,
  now: string,
) {
  const reads: AuditEntryInput[] = [];
  const views = rows.map((row) => {
    const consent = consentMap.get(consentKey(row.participantId, row.employerOrganizationId));
    const participant = participantMap.get(row.participantId);
    const disclosure = disclose(participant, consent, now);
    if (side === 'employer' && disclosure.fields.length > 0)
      reads.push(readEntry(actor, row, disclosure.fields));
    return toPlacement(row, side, { consent, participant, disclosure, now });
  });
  return { views, reads };
}

/** The records of a placement's answer, as one side sees them. */
function assemble(
  actor: Member,
  side: Side,
  view: ReturnType<typeof toPlacement>,
  records: {
    hours: (typeof placementHours.$inferSelect)[];
    checkIns: (typeof placementCheckIns.$inferSelect)[];
    meetings: (typeof placementMeetings.$inferSelect)[];
    history: (typeof placementTransitions.$inferSelect)[];
  },
) {
  return {
    ...view,
    hours: records.hours.map((h) => toHours(h, side)),
    ...(side === 'provider' ? { checkIns: records.checkIns.map(toCheckIn) } : {}),
    meetings: records.meetings.map((m) => toMeeting(m, actor.organizationId)),
    history: records.history.map((h) => toTransition(h, actor.organizationId)),
  };
}

/**
 * Holds inside a batch only if a read now would find what `consent` and `participant` were: the
 * pair's newest consent is the same one and not revoked (a consent's fields and expiry never change),
 * and the participant's version is the same (every change of a participant, erasure included, bumps it).
 */
const unchangedSince = (row: PlacementRow, consent: ConsentRow, participant: ParticipantRow) =>
  sql`(SELECT "id" FROM "consents" WHERE "participant_id" = ${row.participantId} AND "employer_organization_id" = ${row.employerOrganizationId} ORDER BY "id" DESC LIMIT 1) = ${consent.id} AND EXISTS (SELECT 1 FROM "consents" WHERE "id" = ${consent.id} AND "revoked_at" IS NULL) AND EXISTS (SELECT 1 FROM "participants" WHERE "id" = ${participant.id} AND "version" = ${participant.version})`;

export function placementViews(ctx: ServiceContext, audit: AuditService) {
  const { db } = ctx;
  const q = placementQueries(db);

  async function loadRow(id: string) {
    const [row] = await q.placementById().all({ id });
    if (!row) throw notFound('Placement', id);
    return row;
  }

  /** The placement and the caller's side of it, or the problem to answer with. */
  async function loadFor(actor: Actor, id: string, mode: 'read' | 'write', sides?: Side[]) {
    const row = await loadRow(id);
    return { row, ...assertPlacementAccess(actor, row, mode, sides) };
  }

  /** The newest consent per (participant, employer) for a set of placements. */
  async function consentsFor(rows: PlacementRow[]) {
    const pairs = new Map<string, [string, string]>();
    for (const r of rows)
      pairs.set(consentKey(r.participantId, r.employerOrganizationId), [
        r.participantId,
        r.employerOrganizationId,
      ]);
    const map = new Map<string, ConsentRow>();
    if (pairs.size === 0) return map;
    const [only, ...more] = pairs.values();
    const found =
      more.length === 0
        ? await q.latestConsent().all({ participant: only![0], employer: only![1] })
        : await q.latestConsents().all({ pairs: JSON.stringify([...pairs.values()]) });
    for (const c of found) map.set(consentKey(c.participantId, c.employerOrganizationId), c);
    return map;
  }

  async function participantsFor(rows: PlacementRow[]) {
    const ids = [...new Set(rows.map((r) => r.participantId))];
    if (ids.length === 0) return new Map<string, ParticipantRow>();
    const found = await q.participantsById(ids.length).all(listValues('participant', ids));
    return new Map(found.map((p) => [p.id, p]));
  }

  /** Placements as one side sees them (the summary of a list). */
  async function present(actor: Member, side: Side, rows: PlacementRow[]) {
    const now = ctx.now();
    const [consentMap, participantMap] = await Promise.all([consentsFor(rows), participantsFor(rows)]);
    const { views, reads } = presentWith(actor, side, rows, consentMap, participantMap, now);
    await audit.record(reads);
    return views;
  }

  /**
   * What the employer's answer to a move of `row` will disclose, read before the move's batch so
   * that its `read` entry can be written in that batch instead of a transaction of its own after the
   * answer's reads (a BEGIN and COMMIT per employer move). Undefined when it discloses nothing (no
   * entry owed: the answer reads as before). The entry is to be written only if `unchanged` holds
   * in the batch (unchangedSince); when it does not, the answer is read and audited after the batch,
   * as before.
   */
  async function disclosureAhead(actor: Member, row: PlacementRow) {
    const now = ctx.now();
    const [consentMap, participantMap] = await Promise.all([consentsFor([row]), participantsFor([row])]);
    const consent = consentMap.get(consentKey(row.participantId, row.employerOrganizationId));
    const participant = participantMap.get(row.participantId);
    const { fields } = disclose(participant, consent, now);
    if (!consent || !participant || fields.length === 0) return undefined;
    const entry = readEntry(actor, row, fields);
    return { entry, unchanged: unchangedSince(row, consent, participant), consentMap, participantMap, now };
  }

  /**
   * One placement with its hours, check-ins (provider side), meetings and history. `possible` says
   * which records it may have (states.ts recordsAfter); those it cannot have are not read.
   */
  async function details(
    actor: Member,
    side: Side,
    row: PlacementRow,
    possible: PossibleRecords = { hours: true, checkIns: true },
    /** Read before a move whose batch wrote its `read` entry (disclosureAhead): not read again. */
    ahead?: DisclosureAhead,
  ) {
    const placement = { placement: row.id };
    const [[view], hours, checkIns, meetings, history] = await Promise.all([
      ahead
        ? presentWith(actor, side, [row], ahead.consentMap, ahead.participantMap, ahead.now).views
        : present(actor, side, [row]),
      possible.hours ? q.hoursOf().all(placement) : Promise.resolve([]),
      side === 'provider' && possible.checkIns ? q.checkInsOf().all(placement) : Promise.resolve([]),
      q.meetingsOf().all(placement),
      q.historyOf().all(placement),
    ]);
    return assemble(actor, side, view!, { hours, checkIns, meetings, history });
  }

  /**
   * A placement just proposed, as the proposer (provider side) sees it, from the rows the proposal's
   * batch wrote: nothing else can be recorded on a placement before its id is answered, so its hours,
   * check-ins and meetings are none and its history is the proposal, and the consent is the one the
   * batch gave. The same answer `details` reads back, without its seven reads.
   */
  function proposed(
    actor: Member,
    written: {
      row: PlacementRow;
      consent: ConsentRow;
      participant: ParticipantRow;
      transition: typeof placementTransitions.$inferSelect;
    },
  ) {
    const now = ctx.now();
    const disclosure = disclose(written.participant, written.consent, now);
    const view = toPlacement(written.row, 'provider', {
      consent: written.consent,
      participant: written.participant,
      disclosure,
      now,
    });
    return assemble(actor, 'provider', view, {
      hours: [],
      checkIns: [],
      meetings: [],
      history: [written.transition],
    });
  }

  /** The slot a proposal names, as a list of none or one (prepared once: queries.ts). */
  const slotById = (id: string) => q.slotById().all({ id });

  return { loadRow, loadFor, present, details, disclosureAhead, proposed, slotById };
}

type DisclosureAhead = NonNullable<Awaited<ReturnType<ReturnType<typeof placementViews>['disclosureAhead']>>>;

export type PlacementViews = ReturnType<typeof placementViews>;
