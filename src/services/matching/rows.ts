/** Database rows → the matching engine's inputs. The engine never sees the database. */
import type { participants, slots, supervisors } from '../../../db/schema';
import { toIntervals } from '../../lib/schedule';
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
