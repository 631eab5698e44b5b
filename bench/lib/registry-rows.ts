/**
 * The engine's slots as database rows, for tests and benchmarks that fill a registry directly
 * (much faster than through the API): slot rows, their supervisors (deduplicated by id) and links.
 */
import type { slotSupervisors, slots, supervisors } from '../../db/schema';
import { adaptationMask, canArrangeMask } from '../../src/domain/vocabulary';
import { strengthCodes } from '../../src/domain/work-vocabulary';
import { daysMask, fromIntervals } from '../../src/lib/schedule';
import type { SlotForMatching } from '../../src/matching';
import { storedMatchTerms } from '../../src/matching/terms';

export interface RegistryRows {
  slots: (typeof slots.$inferInsert)[];
  supervisors: (typeof supervisors.$inferInsert)[];
  links: (typeof slotSupervisors.$inferInsert)[];
}

export function registryRows(
  engineSlots: readonly SlotForMatching[],
  organizationId: string,
  now: string,
  municipalityCode = '0180',
): RegistryRows {
  const sups = new Map<string, typeof supervisors.$inferInsert>();
  const links: (typeof slotSupervisors.$inferInsert)[] = [];
  const rows = engineSlots.map((s) => {
    for (const v of s.supervisors) {
      sups.set(v.id, {
        id: v.id,
        organizationId,
        name: 'Handledare',
        email: 'handledare@example.se',
        trained: v.trained,
        maxParticipants: v.maxParticipants,
        activePlacements: v.activePlacements,
        languages: ['sv'],
        createdAt: now,
        updatedAt: now,
      });
      links.push({ slotId: s.id, supervisorId: v.id });
    }
    const schedule = fromIntervals(s.schedule);
    return {
      id: s.id,
      organizationId,
      siteId: null,
      title: s.title,
      description: s.description,
      tasks: s.tasks,
      ssyk: s.ssyk,
      occupationLabel: s.occupationLabel,
      // As every slot write stores them (src/services/slots/rows.ts).
      matchTerms: storedMatchTerms(s),
      suits: strengthCodes.filter((code) => s.suits?.includes(code)),
      kind: s.kind,
      municipalityCode,
      address: null,
      lat: s.lat,
      lon: s.lon,
      capacity: s.capacity,
      taken: s.taken,
      schedule,
      daysMask: daysMask(schedule),
      hoursMin: s.hoursMin,
      hoursMax: s.hoursMax,
      startDate: s.startDate,
      endDate: s.endDate,
      openEnded: s.openEnded,
      adaptations: s.adaptations,
      adaptationMask: adaptationMask(s.adaptations.map((a) => a.code)),
      adaptationArrangeMask: canArrangeMask(s.adaptations),
      socialIntensity: s.socialIntensity,
      physicalDemand: s.physicalDemand,
      subsidies: [],
      leadsToHire: s.leadsToHire,
      status: s.status,
      createdAt: now,
      updatedAt: now,
    };
  });
  return { slots: rows, supervisors: [...sups.values()], links };
}
