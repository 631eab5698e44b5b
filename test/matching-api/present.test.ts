import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSlotIndex, rankParticipant } from '../../src/matching';
import { presentMatch, presentMatchWithSlot, type SlotSummary } from '../../src/services/matching/present';
import { world } from '../matching/arbitraries';
import { TODAY } from '../matching/fixtures';

/** The matches answer is built without copying each match by spread; its bytes must not change. */
describe('presentMatchWithSlot', () => {
  it('serializes exactly as presentMatch spread with the slot', () => {
    let compared = 0;
    fc.assert(
      fc.property(world(3, 12), ({ slots, participants }) => {
        const ix = buildSlotIndex(slots);
        for (const p of participants)
          for (const m of rankParticipant(ix, p, { limit: 20, today: TODAY })) {
            const slot: SlotSummary = {
              id: m.slotId,
              title: 'Lagerarbete "natt"\n',
              kind: 'internship',
              organizationId: 'org_1',
              organizationName: 'Åkeri & Söner',
              municipalityCode: '0180',
              municipalityName: 'Stockholm',
              freePlaces: 1,
              hoursPerWeek: { min: 10, max: 20 },
            };
            compared++;
            for (const s of [slot, null])
              expect(JSON.stringify(presentMatchWithSlot(m, s))).toBe(
                JSON.stringify({ ...presentMatch(m), slot: s }),
              );
          }
      }),
      { numRuns: 100 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
