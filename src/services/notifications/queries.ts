/**
 * The reads of the notification handlers, prepared once per database (services/prepared.ts). Drizzle
 * built them anew for every event: under the load mix, a placement event's reads (the placement with
 * its slot, employer and handler; the people to tell) cost the outbox thread more to build than to run.
 */
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import {
  notifications,
  organizations,
  participants,
  placements,
  slotSupervisors,
  slots,
  supervisors,
  users,
} from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { listPlaceholders, listValues, preparedByShape, preparedOnce } from '../prepared';

function build(db: Db) {
  /** A placement with its slot's title, its employer's name and address, and its handler. */
  const withNames = () =>
    db
      .select({
        p: placements,
        slotTitle: slots.title,
        employerName: organizations.name,
        employerEmail: organizations.contactEmail,
        handlerId: participants.handlerId,
      })
      .from(placements)
      .innerJoin(slots, eq(slots.id, placements.slotId))
      .innerJoin(organizations, eq(organizations.id, placements.employerOrganizationId))
      .innerJoin(participants, eq(participants.id, placements.participantId));
  const placementWithNames = preparedOnce(() =>
    withNames()
      .where(eq(placements.id, sql.placeholder('id')))
      .prepare(),
  );
  const placementsWithNames = preparedByShape(
    (n: number) =>
      withNames()
        .where(inArray(placements.id, listPlaceholders('placement', n)))
        .prepare(),
    91,
  );
  const supervisorColumns = { id: supervisors.id, name: supervisors.name, email: supervisors.email };
  const namedSupervisor = preparedOnce(() =>
    db
      .select(supervisorColumns)
      .from(supervisors)
      .where(eq(supervisors.id, sql.placeholder('supervisor')))
      .prepare(),
  );
  const slotSupervisorsOf = preparedOnce(() =>
    db
      .select(supervisorColumns)
      .from(supervisors)
      .where(
        inArray(
          supervisors.id,
          db
            .select({ id: slotSupervisors.supervisorId })
            .from(slotSupervisors)
            .where(eq(slotSupervisors.slotId, sql.placeholder('slot'))),
        ),
      )
      .prepare(),
  );
  const usersById = preparedByShape(
    (n: number) =>
      db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(inArray(users.id, listPlaceholders('user', n)))
        .prepare(),
    8,
  );
  const notificationsInKeyRange = preparedOnce(() =>
    db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.template, sql.placeholder('template')),
          gte(notifications.dedupeKey, sql.placeholder('from')),
          lt(notifications.dedupeKey, sql.placeholder('to')),
        ),
      )
      .prepare(),
  );
  const notificationsByKey = preparedByShape(
    (n: number) =>
      db
        .select()
        .from(notifications)
        .where(inArray(notifications.dedupeKey, listPlaceholders('key', n)))
        .prepare(),
    91,
  );
  return {
    placementWithNames: async (id: string) => (await placementWithNames().all({ id }))[0],
    /** The same for several placements (at most 90 ids: D1 binds at most 100 parameters). */
    placementsWithNames: (ids: readonly string[]) =>
      placementsWithNames(ids.length).all(listValues('placement', ids)),
    /** The supervisor named, or every supervisor of the slot. */
    supervisorsFor: (slotId: string, supervisorId: string | null) =>
      supervisorId
        ? namedSupervisor().all({ supervisor: supervisorId })
        : slotSupervisorsOf().all({ slot: slotId }),
    usersById: (ids: readonly string[]) => usersById(ids.length).all(listValues('user', ids)),
    /** Notifications of a template whose keys are in [from, to). */
    notificationsInKeyRange: (template: string, from: string, to: string) =>
      notificationsInKeyRange().all({ template, from, to }),
    /** Notifications by key (at most 90 keys: D1 binds at most 100 parameters). */
    notificationsByKey: (keys: readonly string[]) =>
      notificationsByKey(keys.length).all(listValues('key', keys)),
  };
}

export type NotifyQueries = ReturnType<typeof build>;

const kept = new WeakMap<Db, NotifyQueries>();

/** The prepared reads for this database, built on first use. */
export function notifyQueries(db: Db): NotifyQueries {
  let q = kept.get(db);
  if (!q) {
    q = build(db);
    kept.set(db, q);
  }
  return q;
}
