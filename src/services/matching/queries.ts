/**
 * The reads behind every matches request, prepared once per app (services/prepared.ts): the
 * participant, and the employers' names of the slots found. Drizzle built both anew on every call,
 * a fifth of a matches request's time in a CPU profile of the load mix.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { organizations, participants } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { listPlaceholders, listValues, preparedByShape, preparedOnce } from '../prepared';

/** D1 binds at most 100 parameters per statement. */
export const ID_CHUNK = 90;

export function matchingQueries(db: Db) {
  const participantById = preparedOnce(() =>
    db
      .select()
      .from(participants)
      .where(eq(participants.id, sql.placeholder('id')))
      .prepare(),
  );
  /** Per number of ids, up to ID_CHUNK. */
  const organizationNames = preparedByShape(
    (n: number) =>
      db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(inArray(organizations.id, listPlaceholders('organization', n)))
        .prepare(),
    ID_CHUNK + 1,
  );
  return {
    participant: (id: string) => participantById().get({ id }),
    /** Names by organization id, read in chunks. */
    async organizationNames(ids: readonly string[]) {
      const names = new Map<string, string>();
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        const chunk = ids.slice(i, i + ID_CHUNK);
        for (const o of await organizationNames(chunk.length).all(listValues('organization', chunk)))
          names.set(o.id, o.name);
      }
      return names;
    },
  };
}

export type MatchingQueries = ReturnType<typeof matchingQueries>;
