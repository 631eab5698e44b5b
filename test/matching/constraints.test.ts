import { describe, expect, it } from 'vitest';
import type { FailureCode, ParticipantForMatching, SlotForMatching } from '../../src/matching';
import { explain, rankSlots } from '../../src/matching';
import { everyDay, participant, slot, TODAY } from './fixtures';

const opts = { today: TODAY };
const failureCodes = (p: ParticipantForMatching, s: SlotForMatching): FailureCode[] => {
  const result = explain(p, s, opts);
  return result.eligible ? [] : result.failures.map((f) => f.code);
};

describe('hard constraints', () => {
  it('the base pair is eligible and ranked', () => {
    expect(explain(participant(), slot(), opts).eligible).toBe(true);
    expect(rankSlots([slot()], participant(), opts).map((m) => m.slotId)).toEqual(['slot-a']);
  });

  // Each case flips exactly one thing in the eligible base pair.
  const cases: {
    name: string;
    p?: Partial<ParticipantForMatching>;
    s?: Partial<SlotForMatching>;
    code: FailureCode;
  }[] = [
    { name: 'slot paused', s: { status: 'paused' }, code: 'slot_not_open' },
    { name: 'slot closed', s: { status: 'closed' }, code: 'slot_not_open' },
    { name: 'every place taken', s: { capacity: 2, taken: 2 }, code: 'no_free_place' },
    {
      name: 'supervisor full',
      s: { supervisors: [{ id: 'sup-1', maxParticipants: 2, activePlacements: 2, trained: true }] },
      code: 'no_supervisor_room',
    },
    { name: 'no supervisor at all', s: { supervisors: [] }, code: 'no_supervisor_room' },
    {
      name: 'must-have adaptation not offered',
      s: { adaptations: [{ code: 'written_instructions', status: 'in_place' }] },
      code: 'must_adaptation_missing',
    },
    {
      name: 'too few shared hours',
      p: { availability: everyDay('14:00', '15:30') },
      code: 'too_few_overlapping_hours',
    },
    { name: 'slot needs more hours than now', s: { hoursMin: 10 }, code: 'slot_minimum_above_current_hours' },
    { name: 'too far (Göteborg)', s: { lat: 57.7089, lon: 11.9746 }, code: 'too_far' },
    { name: 'kind not wanted', s: { kind: 'competitive_job' }, code: 'kind_not_wanted' },
    { name: 'avoided word in a task', s: { tasks: ['Diskning', 'Baka bröd'] }, code: 'avoided_task' },
    { name: 'avoided word inside a compound title', s: { title: 'Diskplockare' }, code: 'avoided_task' },
  ];
  for (const c of cases) {
    it(`excludes on its own: ${c.name} → ${c.code}`, () => {
      const p = participant(c.p);
      const s = slot(c.s);
      expect(failureCodes(p, s)).toEqual([c.code]);
      expect(rankSlots([s], p, opts)).toEqual([]);
    });
  }

  it('lists every failing constraint at once', () => {
    const s = slot({
      status: 'paused',
      taken: 2,
      supervisors: [],
      adaptations: [],
      hoursMin: 12,
      lat: 57.7089,
      lon: 11.9746,
      kind: 'competitive_job',
      tasks: ['Diskning'],
      schedule: everyDay('07:00', '08:30'),
    });
    expect(new Set(failureCodes(participant(), s))).toEqual(
      new Set<FailureCode>([
        'slot_not_open',
        'no_free_place',
        'no_supervisor_room',
        'must_adaptation_missing',
        'slot_minimum_above_current_hours',
        'too_far',
        'kind_not_wanted',
        'avoided_task',
        'too_few_overlapping_hours',
      ]),
    );
  });

  it('reports the parameters a coach needs', () => {
    const result = explain(participant(), slot({ adaptations: [], tasks: ['Diskning'], taken: 2 }), opts);
    expect(result.eligible).toBe(false);
    if (result.eligible) return;
    expect(result.failures).toEqual([
      { code: 'no_free_place', params: { capacity: 2, taken: 2 } },
      { code: 'must_adaptation_missing', params: { missing: ['quiet_workspace'] } },
      { code: 'avoided_task', params: { terms: ['disk'] } },
    ]);
  });

  it('accepts the limits themselves: overlap exactly the current hours, a place left, room for one', () => {
    // 8 h now; availability 10:00–11:36 on five days = 8 h shared with the 07:00–15:00 slot.
    const p = participant({ availability: everyDay('10:00', '11:36') });
    const s = slot({
      capacity: 3,
      taken: 2,
      supervisors: [{ id: 'sup-1', maxParticipants: 1, activePlacements: 0, trained: false }],
      hoursMin: 8,
    });
    expect(explain(p, s, opts).eligible).toBe(true);
  });

  it('a must-have that can be arranged counts as offered', () => {
    const s = slot({ adaptations: [{ code: 'quiet_workspace', status: 'can_arrange' }] });
    expect(explain(participant(), s, opts).eligible).toBe(true);
  });

  it('no kind preference (absent or empty) allows every kind', () => {
    const s = slot({ kind: 'competitive_job' });
    expect(explain(participant({ preferences: {} }), s, opts).eligible).toBe(true);
    expect(explain(participant({ preferences: { kinds: [] } }), s, opts).eligible).toBe(true);
  });

  it('avoid words only look at title and tasks, case-insensitively, by stem', () => {
    const p = participant({ avoid: ['DISK'] });
    expect(failureCodes(p, slot({ occupationLabel: 'Diskare' }))).toEqual([]);
    expect(failureCodes(p, slot({ tasks: ['diskning av porslin'] }))).toEqual(['avoided_task']);
    expect(failureCodes(participant({ avoid: ['kassaarbete'] }), slot({ tasks: ['Kassaarbete'] }))).toEqual([
      'avoided_task',
    ]);
    // "städ" (cleaning) must not exclude a slot without cleaning.
    expect(failureCodes(participant({ avoid: ['städning'] }), slot())).toEqual([]);
  });

  it('a slot without coordinates is never proposed', () => {
    expect(failureCodes(participant(), slot({ lat: Number.NaN }))).toEqual(['too_far']);
  });
});
