/** Database rows → the matching engine's inputs. The engine never sees the database. */
import { sql } from 'drizzle-orm';
import { type participants, type slots, slots as slotsTable, type supervisors } from '../../../db/schema';
import { storedToIntervals, toIntervals } from '../../lib/schedule';
import type { ParticipantForMatching, SlotForMatching, SupervisorForMatching } from '../../matching';

type SlotRow = typeof slots.$inferSelect;
type ParticipantRow = typeof participants.$inferSelect;
type SupervisorRow = Pick<
  typeof supervisors.$inferSelect,
  'id' | 'maxParticipants' | 'activePlacements' | 'trained'
>;

export function slotForMatching(s: SlotRow, slotSupervisors: readonly SupervisorRow[]): SlotForMatching {
  return {
    id: s.id,
    organizationId: s.organizationId,
    title: s.title,
    description: s.description,
    tasks: s.tasks,
    occupationLabel: s.occupationLabel,
    ssyk: s.ssyk,
    kind: s.kind,
    status: s.status,
    lat: s.lat,
    lon: s.lon,
    capacity: s.capacity,
    taken: s.taken,
    supervisors: slotSupervisors.map(
      (v): SupervisorForMatching => ({
        id: v.id,
        maxParticipants: v.maxParticipants,
        activePlacements: v.activePlacements,
        trained: v.trained,
      }),
    ),
    schedule: toIntervals(s.schedule),
    hoursMin: s.hoursMin,
    hoursMax: s.hoursMax,
    openEnded: s.openEnded,
    startDate: s.startDate,
    endDate: s.endDate,
    adaptations: s.adaptations,
    socialIntensity: s.socialIntensity,
    physicalDemand: s.physicalDemand,
    leadsToHire: s.leadsToHire,
    suits: s.suits,
  };
}

export function participantForMatching(p: ParticipantRow): ParticipantForMatching {
  return {
    id: p.id,
    strengths: p.strengths,
    interests: p.interests,
    avoid: p.avoid,
    availability: toIntervals(p.availability),
    hoursNow: p.hoursNow,
    hoursTarget: p.hoursTarget,
    rampUp: p.rampUp,
    adaptationNeeds: p.adaptationNeeds,
    lat: p.lat,
    lon: p.lon,
    maxTravelKm: p.maxTravelKm,
    preferences: p.preferences,
  };
}

/** `[supervisorId, maxParticipants, activePlacements, trained (0/1)]`, as `slots.supervisor_rooms` holds them. */
export type SupervisorTuple = [string, number, number, number];

/** The columns matching reads, as SQLite builds them into one JSON object per slot. */
export type CompactSlot = Omit<
  SlotRow,
  | 'description'
  | 'openEnded'
  | 'leadsToHire'
  | 'siteId'
  | 'address'
  | 'daysMask'
  | 'latBand'
  | 'adaptationMask'
  | 'subsidies'
  | 'supervisorRooms'
  | 'supervisorsWithRoom'
  | 'matchTerms'
  | 'createdAt'
  | 'updatedAt'
> & {
  openEnded: number;
  leadsToHire: number;
  supervisors: SupervisorTuple[];
};

const t = slotsTable;
const compactColumns = [
  t.id,
  t.organizationId,
  t.title,
  t.tasks,
  t.occupationLabel,
  t.ssyk,
  t.kind,
  t.status,
  t.lat,
  t.lon,
  t.municipalityCode,
  t.capacity,
  t.taken,
  t.schedule,
  t.hoursMin,
  t.hoursMax,
  t.openEnded,
  t.startDate,
  t.endDate,
  t.adaptations,
  t.socialIntensity,
  t.physicalDemand,
  t.leadsToHire,
  t.suits,
  t.supervisorRooms,
];
/** The columns `slotJsonFields` reads, for a subquery that carries only those. */
export const slotJsonColumns = sql.join(compactColumns, sql`, `);
export const slotJsonFields = sql.join(
  [
    sql`'id', ${t.id}`,
    sql`'organizationId', ${t.organizationId}`,
    sql`'title', ${t.title}`,
    sql`'tasks', json(${t.tasks})`,
    sql`'occupationLabel', ${t.occupationLabel}`,
    sql`'ssyk', ${t.ssyk}`,
    sql`'kind', ${t.kind}`,
    sql`'status', ${t.status}`,
    sql`'lat', ${t.lat}`,
    sql`'lon', ${t.lon}`,
    sql`'municipalityCode', ${t.municipalityCode}`,
    sql`'capacity', ${t.capacity}`,
    sql`'taken', ${t.taken}`,
    sql`'schedule', json(${t.schedule})`,
    sql`'hoursMin', ${t.hoursMin}`,
    sql`'hoursMax', ${t.hoursMax}`,
    sql`'openEnded', ${t.openEnded}`,
    sql`'startDate', ${t.startDate}`,
    sql`'endDate', ${t.endDate}`,
    sql`'adaptations', json(${t.adaptations})`,
    sql`'socialIntensity', ${t.socialIntensity}`,
    sql`'physicalDemand', ${t.physicalDemand}`,
    sql`'leadsToHire', ${t.leadsToHire}`,
    sql`'suits', json(${t.suits})`,
    sql`'supervisors', json(${t.supervisorRooms})`,
  ],
  sql`, `,
);

/** A slot as the catalog keeps it: what the engine reads, plus what a result summary shows. */
export type CatalogSlot = SlotForMatching & { municipalityCode: string };

/**
 * Builds the catalog's slot from SQLite's JSON: one spread per slot, typed by the compiler (a copy of
 * a few fields; the resident index pays it once per slot on load).
 */
export function fromCompact(c: CompactSlot): CatalogSlot {
  return {
    ...c,
    description: '',
    openEnded: c.openEnded === 1,
    leadsToHire: c.leadsToHire === 1,
    schedule: storedToIntervals(c.schedule),
    supervisors: c.supervisors.map(([id, maxParticipants, activePlacements, trained]) => ({
      id,
      maxParticipants,
      activePlacements,
      trained: trained === 1,
    })),
  };
}
