import type { slots } from '../../../db/schema';
import { municipalityByCode } from '../../reference';

export type SlotRow = typeof slots.$inferSelect;

/** A slot as the API shows it. */
export function toSlot(s: SlotRow, supervisorIds: string[]) {
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
