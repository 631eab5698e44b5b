/**
 * Database rows → the matching engine's inputs, for the digest only. Minimal on purpose; when the
 * shared row→engine helpers land in src/services/matching/, use those instead of this file.
 */
import type { participants, slots, supervisors } from '../../db/schema';
import { toIntervals } from '../lib/schedule';
import type { ParticipantForMatching, SlotForMatching } from '../matching';

type SlotRow = typeof slots.$inferSelect;
type SupervisorRow = typeof supervisors.$inferSelect;
type ParticipantRow = typeof participants.$inferSelect;

export const slotForMatching = (s: SlotRow, sups: SupervisorRow[]): SlotForMatching => ({
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
  supervisors: sups.map((p) => ({
    id: p.id,
    maxParticipants: p.maxParticipants,
    activePlacements: p.activePlacements,
    trained: p.trained,
  })),
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
});

export const participantForMatching = (p: ParticipantRow): ParticipantForMatching => ({
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
});
