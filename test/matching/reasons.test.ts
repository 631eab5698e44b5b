import { describe, expect, it } from 'vitest';
import type { Reason, ReasonCode } from '../../src/matching';
import { explain, messages, renderReason } from '../../src/matching';
import { participant, slot, TODAY } from './fixtures';

const opts = { today: TODAY };

describe('reasons and gaps are data', () => {
  it('an eligible match carries reasons and gaps as codes with parameters', () => {
    const p = participant({
      adaptationNeeds: [
        { code: 'quiet_workspace', priority: 'must' },
        { code: 'written_instructions', priority: 'nice' },
        { code: 'flexible_start', priority: 'nice' },
        { code: 'breaks_when_needed', priority: 'nice' },
      ],
    });
    const s = slot({
      adaptations: [
        { code: 'quiet_workspace', status: 'in_place' },
        { code: 'written_instructions', status: 'can_arrange' },
        { code: 'flexible_start', status: 'in_place' },
      ],
      lat: 59.4372,
    });
    const r = explain(p, s, opts);
    expect(r.eligible).toBe(true);
    if (!r.eligible) return;
    expect(r.match.reasons).toEqual([
      { code: 'interests_match', params: { terms: ['bageri', 'kaffe'] } },
      // "Plocka fram varor" suits a careful person.
      { code: 'strengths_match', params: { terms: ['noggrann'] } },
      { code: 'can_grow', params: { from: 8, to: 20 } },
      { code: 'ramp_up_fits', params: { steps: 2 } },
      { code: 'open_ended_leads_to_hire', params: {} },
      { code: 'distance', params: { km: 12 } },
      { code: 'environment_fits', params: { aspect: 'social', level: 'low' } },
      { code: 'trained_supervisor', params: {} },
    ]);
    expect(r.match.gaps).toEqual([
      {
        code: 'adaptations_missing',
        params: { offered: 3, wanted: 4, inPlace: 2, missing: ['breaks_when_needed'] },
      },
    ]);
  });

  it('renders text a coach can read aloud, Swedish and English', () => {
    const say = (r: Reason) => [renderReason(r, 'sv'), renderReason(r, 'en')];
    expect(
      say({
        code: 'adaptations_missing',
        params: { offered: 3, wanted: 4, inPlace: 2, missing: ['quiet_workspace'] },
      }),
    ).toEqual([
      'Erbjuder 3 av 4 önskade anpassningar; saknas: tyst arbetsplats',
      'Offers 3 of 4 wanted adaptations; missing: quiet workspace',
    ]);
    expect(say({ code: 'can_grow', params: { from: 8, to: 20 } })).toEqual([
      'Kan växa från 8 till 20 timmar/vecka',
      'Can grow from 8 to 20 h/week',
    ]);
    expect(say({ code: 'distance', params: { km: 12 } })).toEqual(['12 km bort', '12 km away']);
    expect(say({ code: 'distance', params: { km: 2.5 } })).toEqual(['2,5 km bort', '2.5 km away']);
    expect(say({ code: 'open_ended_leads_to_hire', params: {} })).toEqual([
      'Tillsvidare – kan leda till anställning',
      'Open-ended – can lead to a hire',
    ]);
    expect(
      say({ code: 'must_adaptation_missing', params: { missing: ['quiet_workspace', 'slower_pace'] } }),
    ).toEqual([
      'Saknar nödvändiga anpassningar: tyst arbetsplats och lägre arbetstempo',
      'Missing required adaptations: quiet workspace and slower pace',
    ]);
  });

  // Sample parameters for every code, so each message is exercised with realistic input.
  const samples: Record<ReasonCode, Reason['params']> = {
    slot_not_open: { status: 'paused' },
    no_free_place: { capacity: 2, taken: 2 },
    no_supervisor_room: { supervisors: 1 },
    must_adaptation_missing: { missing: ['quiet_workspace'] },
    too_few_overlapping_hours: { overlapHours: 4.5, hoursNow: 8 },
    slot_minimum_above_current_hours: { hoursMin: 10, hoursNow: 8 },
    too_far: { km: 31.2, maxKm: 20 },
    kind_not_wanted: { kind: 'internship', wanted: ['work_training', 'work_trial'] },
    avoided_task: { terms: ['disk'] },
    strengths_match: { terms: ['noggrann'] },
    interests_match: { terms: ['bageri', 'kaffe'] },
    can_grow: { from: 8, to: 20 },
    ramp_up_fits: { steps: 2 },
    adaptations_offered: { offered: 3, wanted: 3, inPlace: 1 },
    open_ended: {},
    open_ended_leads_to_hire: {},
    long_term: { weeks: 52 },
    leads_to_hire: {},
    distance: { km: 12 },
    environment_fits: { aspect: 'social', level: 'low' },
    trained_supervisor: {},
    no_interest_match: {},
    target_out_of_reach: { target: 30, max: 20 },
    ramp_up_step_not_possible: { afterWeeks: 16, hours: 20 },
    adaptations_missing: { offered: 3, wanted: 4, inPlace: 2, missing: ['quiet_workspace'] },
    short_term: { weeks: 12 },
    environment_mismatch: { aspect: 'physical', wanted: 'low', offered: 'high' },
    avoid_conflict: { category: 'heavy_lifting' },
    supervisor_not_trained: {},
    no_eligible_slot: {},
    places_taken: { eligibleSlots: 3 },
  };

  it('every code renders non-empty text in both languages, without placeholders leaking', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(messages).sort());
    for (const [code, params] of Object.entries(samples)) {
      for (const lang of ['sv', 'en'] as const) {
        const text = renderReason({ code: code as ReasonCode, params }, lang);
        expect(text.trim().length, `${code} ${lang}`).toBeGreaterThan(3);
        expect(text, `${code} ${lang}`).not.toMatch(/undefined|NaN|\[object|\$\{/);
        expect(text, `${code} ${lang}`).not.toBe(code);
      }
    }
  });

  it('Swedish and English texts differ (nothing left untranslated)', () => {
    for (const [code, params] of Object.entries(samples)) {
      if (code === 'distance') continue; // "12 km bort" / "12 km away" differ anyway
      const reason = { code: code as ReasonCode, params };
      expect(renderReason(reason, 'sv'), code).not.toBe(renderReason(reason, 'en'));
    }
  });

  it('an unknown code falls back to the code itself', () => {
    expect(renderReason({ code: 'from_the_future' as ReasonCode, params: {} }, 'sv')).toBe('from_the_future');
  });
});
