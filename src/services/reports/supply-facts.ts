/**
 * What the supply report reads: the scope's active participants as the matching engine takes them
 * (with whether they are in a placement now), and the slots that could take one of them now, found
 * by the same candidate query matching uses on Workers (open, a free place, a supervisor with room,
 * within someone's travel box). Every decision after this is the pure engine's (`reachOf`).
 */
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { participants, placements } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { MINUTES_PER_DAY } from '../../lib/schedule';
import type { ParticipantForMatching } from '../../matching';
import { candidateSlots } from '../matching/candidates';
import { type CatalogSlot, participantForMatching } from '../matching/rows';
import type { ReportScope } from './table';

export interface SupplyParticipant extends ParticipantForMatching {
  municipalityCode: string;
  /** In an accepted or started placement now: not looking for a place. */
  placed: boolean;
}

export async function supplyParticipants(db: Db, scope: ReportScope): Promise<SupplyParticipant[]> {
  const where: SQL[] = [eq(participants.organizationId, scope.providerId), eq(participants.status, 'active')];
  if (scope.handlerId) where.push(eq(participants.handlerId, scope.handlerId));
  if (scope.municipalityCode) where.push(eq(participants.municipalityCode, scope.municipalityCode));
  const rows = await db
    .select()
    .from(participants)
    .where(and(...where));
  const placed = new Set(
    (
      await db
        .selectDistinct({ id: placements.participantId })
        .from(placements)
        .where(
          and(
            eq(placements.providerOrganizationId, scope.providerId),
            inArray(placements.state, ['accepted', 'started']),
          ),
        )
    ).map((r) => r.id),
  );
  return rows.map((r) => ({
    ...participantForMatching(r),
    municipalityCode: r.municipalityCode,
    placed: placed.has(r.id),
  }));
}

/**
 * Someone with this person's place and travel limit and no other constraint: every day, any hours,
 * no needs, any kind. The candidate query then keeps every slot within their travel box, so the
 * engine can say which constraint rules each one out.
 */
const onlyWhere = (p: ParticipantForMatching): ParticipantForMatching => ({
  ...p,
  availability: [[0, 7 * MINUTES_PER_DAY]],
  hoursNow: 168,
  adaptationNeeds: [],
  preferences: {},
});

/** The slots that could take someone now (open, a free place, supervisor room) within these people's reach. */
export async function supplySlots(db: Db, people: readonly ParticipantForMatching[]): Promise<CatalogSlot[]> {
  const out: CatalogSlot[] = [];
  if (people.length === 0) return out;
  for await (const found of candidateSlots(db, people.map(onlyWhere))) out.push(...found);
  return out;
}
