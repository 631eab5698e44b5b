/**
 * fast-check generators of small, dense instances: slots and participants close together, with a
 * few adaptation codes, words and supervisors shared between slots, so that constraints, ties and
 * competition for places all occur often.
 */
import fc from 'fast-check';
import { type AdaptationCode, levels, slotKinds, type Weekday } from '../../src/domain/vocabulary';
import { toIntervals } from '../../src/lib/schedule';
import type { ParticipantForMatching, SlotForMatching, SupervisorForMatching } from '../../src/matching';

const codes: AdaptationCode[] = ['quiet_workspace', 'written_instructions', 'flexible_start', 'slower_pace'];
const days: Weekday[] = ['mon', 'tue', 'wed'];
const titleWords = ['Bageribiträde', 'Lagerarbetare', 'Diskare', 'Städare', 'Bilverkstad', 'Kafébiträde'];
const taskWords = ['Diskning', 'Baka bröd', 'Plocka order', 'Städa', 'Brygga kaffe', 'Däckbyte'];
const likeWords = ['bageri', 'kaffe', 'lager', 'verkstad', 'städ', 'djur'];

const schedule = fc
  .array(
    fc.record({
      day: fc.constantFrom(...days),
      start: fc.integer({ min: 8, max: 11 }),
      hours: fc.integer({ min: 2, max: 6 }),
    }),
    { minLength: 2, maxLength: 4 },
  )
  .map((ws) =>
    toIntervals(
      ws.map((w) => ({
        day: w.day,
        start: `${String(w.start).padStart(2, '0')}:00`,
        end: `${String(w.start + w.hours).padStart(2, '0')}:30`,
      })),
    ),
  );

// About 6 km × 6 km: most pairs are within reach, some are not.
const near = {
  lat: fc.double({ min: 59.3, max: 59.36, noNaN: true }),
  lon: fc.double({ min: 18.0, max: 18.1, noNaN: true }),
};

export const supervisorPool = fc
  .uniqueArray(
    fc.record({
      id: fc.constantFrom('sup-a', 'sup-b', 'sup-c', 'sup-d'),
      maxParticipants: fc.integer({ min: 1, max: 3 }),
      activePlacements: fc.constantFrom(0, 0, 1, 3),
      trained: fc.boolean(),
    }),
    { selector: (s) => s.id, minLength: 1, maxLength: 4 },
  )
  .map((sups) =>
    sups.map((s) => ({ ...s, activePlacements: Math.min(s.activePlacements, s.maxParticipants) })),
  );

export function slotArb(id: string, pool: SupervisorForMatching[]): fc.Arbitrary<SlotForMatching> {
  return fc
    .record({
      title: fc.constantFrom(...titleWords),
      tasks: fc.subarray(taskWords, { maxLength: 3 }),
      kind: fc.constantFrom(...slotKinds),
      status: fc.constantFrom('open', 'open', 'open', 'open', 'open', 'open', 'paused'),
      ...near,
      capacity: fc.integer({ min: 1, max: 3 }),
      taken: fc.constantFrom(0, 0, 0, 0, 1, 3),
      supervisors: fc.subarray(pool, { minLength: 1 }),
      schedule,
      hoursMin: fc.constantFrom(1, 1, 2, 4),
      hoursMax: fc.constantFrom(6, 10, 20, 30),
      openEnded: fc.boolean(),
      weeks: fc.integer({ min: 4, max: 80 }),
      adaptations: fc
        .subarray(codes)
        .chain((cs) =>
          fc.tuple(
            ...cs.map((code) =>
              fc.constantFrom('in_place', 'can_arrange').map((status) => ({ code, status })),
            ),
          ),
        ),
      socialIntensity: fc.constantFrom(...levels),
      physicalDemand: fc.constantFrom(...levels),
      leadsToHire: fc.boolean(),
      suits: fc.subarray(['careful', 'patient'], { maxLength: 1 }),
    })
    .map(
      ({ weeks, taken, capacity, ...s }): SlotForMatching => ({
        ...s,
        id,
        organizationId: 'org',
        description: '',
        occupationLabel: 'Servicearbete',
        ssyk: null,
        capacity,
        taken: Math.min(taken, capacity),
        startDate: '2025-02-01',
        endDate: s.openEnded ? null : new Date(Date.UTC(2025, 1, 1 + weeks * 7)).toISOString().slice(0, 10),
      }),
    );
}

export function participantArb(id: string): fc.Arbitrary<ParticipantForMatching> {
  return fc
    .record({
      strengths: fc.subarray(['noggrann', 'baka', 'tålmodig', 'Kreativ'], { maxLength: 2 }),
      interests: fc.subarray(likeWords, { maxLength: 3 }),
      avoid: fc.constantFrom<string[]>([], [], [], ['disk'], ['städ']),
      availability: schedule,
      hoursNow: fc.constantFrom(1, 2, 4),
      extra: fc.constantFrom(0, 4, 10),
      steps: fc.integer({ min: 0, max: 2 }),
      needs: fc
        .subarray(codes, { maxLength: 3 })
        .chain((cs) =>
          fc.tuple(
            ...cs.map((code) =>
              fc.constantFrom('must', 'nice', 'nice', 'nice').map((priority) => ({ code, priority })),
            ),
          ),
        ),
      ...near,
      maxTravelKm: fc.constantFrom(3, 8, 40),
      social: fc.option(fc.constantFrom(...levels), { nil: undefined }),
      kinds: fc.option(fc.subarray([...slotKinds], { minLength: 3 }), { nil: undefined, freq: 1 }),
    })
    .map(
      ({ extra, steps, needs, social, kinds, ...p }): ParticipantForMatching => ({
        ...p,
        id,
        hoursTarget: p.hoursNow + extra,
        rampUp: Array.from({ length: extra > 0 ? steps : 0 }, (_x, i) => ({
          afterWeeks: 6 * (i + 1),
          hoursPerWeek: p.hoursNow + (extra * (i + 1)) / steps,
        })),
        adaptationNeeds: needs,
        preferences: { ...(social ? { socialIntensity: social } : {}), ...(kinds ? { kinds } : {}) },
      }),
    );
}

/** A small world: a supervisor pool shared by the slots, and participants around the same city. */
export const world = (maxParticipants: number, maxSlots: number) =>
  supervisorPool.chain((pool) =>
    fc.record({
      slots: fc
        .integer({ min: 1, max: maxSlots })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_x, i) => slotArb(`slot-${i}`, pool)))),
      participants: fc
        .integer({ min: 1, max: maxParticipants })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_x, i) => participantArb(`p-${i}`)))),
    }),
  );
