/**
 * The score bound (src/matching/bound.ts) from a slot's narrow fields, against the engine: at least
 * every eligible slot's score, with adaptations in place and only arrangeable mixed, and its
 * adaptations term the engine's own (arrangeable ones at CAN_ARRANGE_CREDIT), so it is no looser
 * there than it must be.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptationMask, canArrangeMask } from '../../src/domain/vocabulary';
import { explain, SCORE_WEIGHTS, type SlotForMatching, scoreBound } from '../../src/matching';
import type { SlotBoundFields } from '../../src/matching/bound';
import { world } from './arbitraries';
import { TODAY } from './fixtures';

/** The bound's fields as the narrow statements read them, text unknown (all lists met). */
const fieldsOf = (s: SlotForMatching): SlotBoundFields => ({
  lat: s.lat,
  lon: s.lon,
  adaptationMask: adaptationMask(s.adaptations.map((a) => a.code)),
  arrangeMask: canArrangeMask(s.adaptations),
  openEnded: s.openEnded,
  startDate: s.startDate,
  endDate: s.endDate,
  leadsToHire: s.leadsToHire,
  socialIntensity: s.socialIntensity,
  physicalDemand: s.physicalDemand,
  hoursMax: s.hoursMax,
  trainedSupervisor: s.supervisors.some((x) => x.trained),
  textMatches: null,
});

describe('score bound', () => {
  it('is at least every eligible slot’s score, and its adaptations term is the engine’s', () => {
    fc.assert(
      fc.property(world(4, 12), ({ slots, participants }) => {
        for (const p of participants) {
          const bound = scoreBound(p, TODAY);
          for (const s of slots) {
            const e = explain(p, s, { today: TODAY });
            if (!e.eligible) continue;
            const f = fieldsOf(s);
            const b = bound(f);
            expect(b).toBeGreaterThanOrEqual(e.match.score);
            // With nothing offered the term is 0 (or 1 for a participant who wants nothing): the
            // difference is the term alone, every other one being the same.
            const none = bound({ ...f, adaptationMask: 0, arrangeMask: 0 });
            const wants = p.adaptationNeeds.some((n) => n.priority === 'nice');
            const term = wants ? (b - none) / SCORE_WEIGHTS.adaptations : 1;
            expect(term).toBeCloseTo(e.match.components.adaptations, 3); // components are shown to 4 decimals
            // A slot whose arrangeable mask is not filled in (0) is bounded as if all were in place.
            expect(bound({ ...f, arrangeMask: 0 })).toBeGreaterThanOrEqual(b);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('marks the offered adaptations that are only arrangeable', () => {
    expect(canArrangeMask([{ code: 'quiet_workspace', status: 'in_place' }])).toBe(0);
    expect(
      canArrangeMask([
        { code: 'quiet_workspace', status: 'in_place' },
        { code: 'written_instructions', status: 'can_arrange' },
      ]),
    ).toBe(adaptationMask(['written_instructions']));
  });
});
