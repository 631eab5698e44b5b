import { describe, expect, it } from 'vitest';
import type { Match, SlotForMatching } from '../../src/matching';
import { explain, rankSlots, SCORE_WEIGHTS } from '../../src/matching';
import { everyDay, participant, slot, TODAY } from './fixtures';

const opts = { today: TODAY };
const order = (slots: SlotForMatching[], p = participant()) => rankSlots(slots, p, opts).map((m) => m.slotId);
const matchOf = (s: SlotForMatching, p = participant(), today = TODAY): Match => {
  const r = explain(p, s, { today });
  if (!r.eligible) throw new Error(`not eligible: ${JSON.stringify(r.failures)}`);
  return r.match;
};

describe('score components move the order the way they should', () => {
  it('text: strengths and interests named in the slot rank it higher', () => {
    const bakery = slot({ id: 'z-bakery' });
    const warehouse = slot({
      id: 'a-warehouse',
      title: 'Lagerarbetare',
      // Not "plocka": picking suits a careful person ("noggrann", the participant's strength).
      tasks: ['Köra truck'],
      description: 'Ett stort lager.',
      occupationLabel: 'Lager- och terminalpersonal',
    });
    expect(order([warehouse, bakery])).toEqual(['z-bakery', 'a-warehouse']);
    expect(matchOf(warehouse).components.text).toBe(0);
    expect(matchOf(bakery).components.text).toBeGreaterThan(0);
  });

  it('text: the occupation label counts too', () => {
    const s = slot({ title: 'Medarbetare', tasks: ['Hjälpa till'], occupationLabel: 'Bageri och konditori' });
    expect(matchOf(s).components.text).toBeGreaterThan(0);
  });

  it('growth: a slot that can reach the target hours ranks higher', () => {
    const grows = slot({ id: 'z-grows' });
    const capped = slot({ id: 'a-capped', hoursMax: 10 });
    expect(order([capped, grows])).toEqual(['z-grows', 'a-capped']);
    expect(matchOf(grows).components.growth).toBe(1);
    expect(matchOf(capped).components.growth).toBeLessThan(1);
  });

  it('growth: the shared windows must cover the target, not only the hour range', () => {
    // Supervised only 09:00–12:00: 15 h shared, the target is 20 h.
    const narrow = slot({ id: 'a-narrow', schedule: everyDay('09:00', '12:00') });
    expect(order([narrow, slot({ id: 'z-wide' })])).toEqual(['z-wide', 'a-narrow']);
    expect(matchOf(narrow).gaps).toContainEqual({
      code: 'target_out_of_reach',
      params: { target: 20, max: 15 },
    });
    expect(matchOf(narrow).gaps).toContainEqual({
      code: 'ramp_up_step_not_possible',
      params: { afterWeeks: 16, hours: 20 },
    });
  });

  it('growth: ramp-up steps after a fixed-length slot ends do not count, relative to today', () => {
    // Can follow the 12 h step (week 8) but not the 20 h step (week 16).
    const base = { hoursMax: 12, openEnded: false, startDate: TODAY };
    const endsWeek12 = slot({ ...base, endDate: '2025-05-26' });
    const openEnded = slot({ ...base, openEnded: true, endDate: null });
    expect(matchOf(endsWeek12).components.growth).toBeGreaterThan(matchOf(openEnded).components.growth);
    expect(matchOf(endsWeek12).reasons).toContainEqual({ code: 'ramp_up_fits', params: { steps: 1 } });
    expect(matchOf(openEnded).gaps).toContainEqual({
      code: 'ramp_up_step_not_possible',
      params: { afterWeeks: 16, hours: 20 },
    });
    // Five weeks later only 7 weeks remain: no step falls inside the slot any more.
    const later = matchOf(endsWeek12, participant(), '2025-04-07');
    expect(later.reasons.some((r) => r.code === 'ramp_up_fits')).toBe(false);
    expect(later.gaps.some((g) => g.code === 'ramp_up_step_not_possible')).toBe(false);
  });

  it('adaptations: a nice-to-have in place beats can-arrange beats missing', () => {
    const quiet = { code: 'quiet_workspace', status: 'in_place' } as const;
    const inPlace = slot({
      id: 'c',
      adaptations: [quiet, { code: 'written_instructions', status: 'in_place' }],
    });
    const arrange = slot({
      id: 'b',
      adaptations: [quiet, { code: 'written_instructions', status: 'can_arrange' }],
    });
    const missing = slot({ id: 'a', adaptations: [quiet] });
    expect(order([missing, arrange, inPlace])).toEqual(['c', 'b', 'a']);
    expect(matchOf(missing).gaps).toContainEqual({
      code: 'adaptations_missing',
      params: { offered: 1, wanted: 2, inPlace: 1, missing: ['written_instructions'] },
    });
  });

  it('adaptations: no nice-to-have needs gives the full component', () => {
    const p = participant({ adaptationNeeds: [{ code: 'quiet_workspace', priority: 'must' }] });
    expect(
      matchOf(slot({ adaptations: [{ code: 'quiet_workspace', status: 'can_arrange' }] }), p).components
        .adaptations,
    ).toBe(1);
  });

  it('duration: open-ended and a path to a hire rank higher than short placements', () => {
    const fixed = (id: string, weeks: number) =>
      slot({
        id,
        leadsToHire: false,
        openEnded: false,
        startDate: TODAY,
        endDate: new Date(Date.parse(`${TODAY}T00:00:00Z`) + weeks * 7 * 86_400_000)
          .toISOString()
          .slice(0, 10),
      });
    const slots = [
      fixed('a-12w', 12),
      fixed('b-52w', 52),
      slot({ id: 'c-open', leadsToHire: false }),
      slot({ id: 'd-open-hire', leadsToHire: true }),
    ];
    expect(order(slots)).toEqual(['d-open-hire', 'c-open', 'b-52w', 'a-12w']);
    expect(matchOf(slots[0]!).gaps).toContainEqual({ code: 'short_term', params: { weeks: 12 } });
    expect(matchOf(slots[3]!).reasons).toContainEqual({ code: 'open_ended_leads_to_hire', params: {} });
  });

  it('distance: closer ranks higher', () => {
    const near = slot({ id: 'z-near', lat: 59.3383, lon: 18.0686 }); // ~1 km
    const far = slot({ id: 'a-far', lat: 59.4193, lon: 18.0686 }); // ~10 km
    expect(order([far, near])).toEqual(['z-near', 'a-far']);
    expect(matchOf(far).reasons).toContainEqual({ code: 'distance', params: { km: 10 } });
  });

  it('environment: exact level beats one step off beats two', () => {
    const slots = [
      slot({ id: 'a', socialIntensity: 'high' }),
      slot({ id: 'b', socialIntensity: 'medium' }),
      slot({ id: 'c', socialIntensity: 'low' }),
    ];
    expect(order(slots)).toEqual(['c', 'b', 'a']);
    // Social intensity only (no physical preference): 1, 0.75, 0.5.
    expect(slots.map((s) => matchOf(s).components.environment)).toEqual([0.5, 0.75, 1]);
  });

  it('environment: no preference gives the full component', () => {
    expect(
      matchOf(slot({ socialIntensity: 'high' }), participant({ preferences: {} })).components.environment,
    ).toBe(1);
  });

  it('supervisor: a trained supervisor with room ranks higher', () => {
    const untrained = slot({
      id: 'a',
      supervisors: [{ id: 's', maxParticipants: 1, activePlacements: 0, trained: false }],
    });
    // A trained supervisor without room does not count.
    const trainedButFull = slot({
      id: 'b',
      supervisors: [
        { id: 's1', maxParticipants: 1, activePlacements: 1, trained: true },
        { id: 's2', maxParticipants: 1, activePlacements: 0, trained: false },
      ],
    });
    expect(order([untrained, trainedButFull, slot({ id: 'c' })])).toEqual(['c', 'a', 'b']);
    expect(matchOf(trainedButFull).components.supervisor).toBe(0);
  });

  it('ties are broken by slot id, ascending', () => {
    expect(order([slot({ id: 'b' }), slot({ id: 'c' }), slot({ id: 'a' })])).toEqual(['a', 'b', 'c']);
  });

  it('the score is the weighted sum of the components, rounded to 4 decimals', () => {
    const weights = Object.values(SCORE_WEIGHTS);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const m = matchOf(slot({ hoursMax: 15, socialIntensity: 'medium' }));
    const sum = (Object.keys(SCORE_WEIGHTS) as (keyof typeof SCORE_WEIGHTS)[]).reduce(
      (s, k) => s + SCORE_WEIGHTS[k] * m.components[k],
      0,
    );
    expect(Math.abs(m.score - sum)).toBeLessThan(5e-4);
    expect(Math.round(m.score * 10_000) / 10_000).toBe(m.score);
    expect(m.score).toBeGreaterThan(0);
    expect(m.score).toBeLessThanOrEqual(1);
  });

  it('a limit keeps the best, in the same order as the full ranking', () => {
    const slots = Array.from({ length: 30 }, (_x, i) =>
      slot({ id: `s${String(i).padStart(2, '0')}`, lat: 59.33 + i * 0.004, hoursMax: 8 + (i % 7) * 3 }),
    );
    const all = rankSlots(slots, participant(), opts);
    expect(rankSlots(slots, participant(), { ...opts, limit: 5 })).toEqual(all.slice(0, 5));
    expect(rankSlots(slots, participant(), { ...opts, limit: Number.POSITIVE_INFINITY })).toEqual(all);
    expect(rankSlots(slots, participant(), { ...opts, limit: 0 })).toEqual([]);
  });
});
