import { getTableColumns } from 'drizzle-orm';
import { slots } from '../../../db/schema';
import { municipalityByCode } from '../../reference';

export type SlotRow = typeof slots.$inferSelect;

/**
 * The columns a slot's answer shows: not what matching and search keep on the row (match terms,
 * bit masks, the latitude band, the supervisors' room), which reads and lists need not carry.
 */
const {
  matchTerms: _terms,
  daysMask: _days,
  adaptationMask: _adaptations,
  adaptationArrangeMask: _arrange,
  latBand: _band,
  supervisorRooms: _rooms,
  supervisorsWithRoom: _withRoom,
  ...shown
} = getTableColumns(slots);
export const slotViewColumns = shown;
export type SlotView = Omit<
  SlotRow,
  | 'matchTerms'
  | 'daysMask'
  | 'adaptationMask'
  | 'adaptationArrangeMask'
  | 'latBand'
  | 'supervisorRooms'
  | 'supervisorsWithRoom'
>;

/** A slot as the API shows it. */
export function toSlot(s: SlotView, supervisorIds: string[]) {
  return {
    id: s.id,
    organizationId: s.organizationId,
    siteId: s.siteId,
    title: s.title,
    description: s.description,
    tasks: s.tasks,
    occupation: { ssyk: s.ssyk, label: s.occupationLabel },
    kind: s.kind,
    location: {
      municipalityCode: s.municipalityCode,
      municipalityName: municipalityByCode.get(s.municipalityCode)?.name ?? null,
      address: s.address,
      lat: s.lat,
      lon: s.lon,
    },
    capacity: s.capacity,
    freePlaces: s.capacity - s.taken,
    schedule: s.schedule,
    hoursPerWeek: { min: s.hoursMin, max: s.hoursMax },
    startDate: s.startDate,
    endDate: s.endDate,
    openEnded: s.openEnded,
    supervisorIds,
    adaptations: s.adaptations,
    environment: { socialIntensity: s.socialIntensity, physicalDemand: s.physicalDemand },
    subsidies: s.subsidies,
    leadsToHire: s.leadsToHire,
    suits: s.suits,
    status: s.status,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
export type Slot = ReturnType<typeof toSlot>;
