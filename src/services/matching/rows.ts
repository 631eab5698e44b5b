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

const t = slotsTable;

/**
 * The columns matching reads of a whole slot (not the description), as one row of cells: the
 * scalars as SQLite holds them and the five JSON columns joined into one array text, parsed once.
 * Every path reads whole slots this way (the resident catalog, /matches, allocation), so all see
 * the same doubles: SQLite's JSON functions write a REAL with 15 significant digits (a slot's
 * longitude 18.017944335937504 came back as 18.0179443359375), a cell carries it exactly.
 * Cells instead of one json_object a slot also spare SQLite building the object and D1 escaping
 * it inside its own JSON answer.
 */
export type SlotCells = [
  id: string,
  organizationId: string,
  title: string,
  occupationLabel: string,
  ssyk: string | null,
  kind: SlotRow['kind'],
  status: SlotRow['status'],
  lat: number,
  lon: number,
  municipalityCode: string,
  capacity: number,
  taken: number,
  hoursMin: number,
  hoursMax: number,
  openEnded: number,
  startDate: string,
  endDate: string | null,
  socialIntensity: SlotRow['socialIntensity'],
  physicalDemand: SlotRow['physicalDemand'],
  leadsToHire: number,
  /** `[tasks, schedule, adaptations, suits, supervisor rooms]` as JSON text. */
  nested: string,
];

type Nested = [
  SlotRow['tasks'],
  SlotRow['schedule'],
  SlotRow['adaptations'],
  SlotRow['suits'],
  SupervisorTuple[],
];

/** `SlotCells` as a select list (the JSON columns are stored as JSON text, never NULL). */
export const slotCells = sql.join(
  [
    t.id,
    t.organizationId,
    t.title,
    t.occupationLabel,
    t.ssyk,
    t.kind,
    t.status,
    t.lat,
    t.lon,
    t.municipalityCode,
    t.capacity,
    t.taken,
    t.hoursMin,
    t.hoursMax,
    t.openEnded,
    t.startDate,
    t.endDate,
    t.socialIntensity,
    t.physicalDemand,
    t.leadsToHire,
    sql`'[' || ${t.tasks} || ',' || ${t.schedule} || ',' || ${t.adaptations} || ',' || ${t.suits} || ',' || ${t.supervisorRooms} || ']'`,
  ],
  sql`, `,
);

/** A slot as the catalog keeps it: what the engine reads, plus what a result summary shows. */
export type CatalogSlot = SlotForMatching & { municipalityCode: string };

/** Builds the catalog's slot from its cells (the resident index pays it once per slot on load). */
export function fromCells(c: SlotCells): CatalogSlot {
  const [tasks, schedule, adaptations, suits, rooms] = JSON.parse(c[20]) as Nested;
  return {
    id: c[0],
    organizationId: c[1],
    title: c[2],
    description: '',
    tasks,
    occupationLabel: c[3],
    ssyk: c[4],
    kind: c[5],
    status: c[6],
    lat: c[7],
    lon: c[8],
    municipalityCode: c[9],
    capacity: c[10],
    taken: c[11],
    supervisors: rooms.map(([id, maxParticipants, activePlacements, trained]) => ({
      id,
      maxParticipants,
      activePlacements,
      trained: trained === 1,
    })),
    schedule: storedToIntervals(schedule),
    hoursMin: c[12],
    hoursMax: c[13],
    openEnded: c[14] === 1,
    startDate: c[15],
    endDate: c[16],
    adaptations,
    socialIntensity: c[17],
    physicalDemand: c[18],
    leadsToHire: c[19] === 1,
    suits,
  };
}
