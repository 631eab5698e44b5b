/** Builders for test data: one eligible base pair that each test changes in one place. */
import type { Weekday } from '../../src/domain/vocabulary';
import { toIntervals } from '../../src/lib/schedule';
import type { ParticipantForMatching, SlotForMatching } from '../../src/matching';

export const TODAY = '2025-03-03';
const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** The same window on each given day, as sorted minute-of-week intervals. */
export const everyDay = (start: string, end: string, days: Weekday[] = weekdays) =>
  toIntervals(days.map((day) => ({ day, start, end })));

// Central Stockholm, and a point about 5 km north of it.
export const STOCKHOLM = { lat: 59.3293, lon: 18.0686 };
export const NEAR_STOCKHOLM = { lat: 59.3743, lon: 18.0686 };

export function slot(overrides: Partial<SlotForMatching> = {}): SlotForMatching {
  return {
    id: 'slot-a',
    organizationId: 'org-1',
    title: 'Bageribiträde',
    description: 'Ett litet bageri med kafé.',
    tasks: ['Baka bröd', 'Brygga kaffe', 'Plocka fram varor'],
    occupationLabel: 'Kafé- och konditoribiträden',
    ssyk: '9413',
    kind: 'work_training',
    status: 'open',
    ...NEAR_STOCKHOLM,
    capacity: 2,
    taken: 0,
    supervisors: [{ id: 'sup-1', maxParticipants: 2, activePlacements: 0, trained: true }],
    schedule: everyDay('07:00', '15:00'),
    hoursMin: 4,
    hoursMax: 30,
    openEnded: true,
    startDate: '2025-01-01',
    endDate: null,
    adaptations: [
      { code: 'quiet_workspace', status: 'in_place' },
      { code: 'written_instructions', status: 'can_arrange' },
    ],
    socialIntensity: 'low',
    physicalDemand: 'medium',
    leadsToHire: true,
    ...overrides,
  };
}

export function participant(overrides: Partial<ParticipantForMatching> = {}): ParticipantForMatching {
  return {
    id: 'p-1',
    strengths: ['noggrann'],
    interests: ['bageri', 'kaffe'],
    avoid: ['disk'],
    availability: everyDay('08:00', '16:00'),
    hoursNow: 8,
    hoursTarget: 20,
    rampUp: [
      { afterWeeks: 8, hoursPerWeek: 12 },
      { afterWeeks: 16, hoursPerWeek: 20 },
    ],
    adaptationNeeds: [
      { code: 'quiet_workspace', priority: 'must' },
      { code: 'written_instructions', priority: 'nice' },
    ],
    ...STOCKHOLM,
    maxTravelKm: 20,
    preferences: { socialIntensity: 'low', kinds: ['work_training', 'internship'] },
    ...overrides,
  };
}
