/**
 * Social enterprises' work-training capacity listings as match targets (issue #14): the pure engine
 * (src/matching/capacity.ts) and GET /v1/participants/{id}/capacity-matches over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CapacityForMatching, capacityFailures, rankCapacity } from '../../src/matching/capacity';
import type { ParticipantForMatching } from '../../src/matching/types';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, orgWithKey } from '../helpers/factories';

const STOCKHOLM = { lat: 59.3293, lon: 18.0686 };
const participant: ParticipantForMatching = {
  id: 'prt_1',
  strengths: ['noggrann'],
  interests: ['bakning', 'cyklar'],
  avoid: ['kassa'],
  availability: [],
  hoursNow: 8,
  hoursTarget: 20,
  rampUp: [],
  adaptationNeeds: [],
  ...STOCKHOLM,
  maxTravelKm: 15,
  preferences: {},
};
const listing = (over: Partial<CapacityForMatching>): CapacityForMatching => ({
  id: 'cap_1',
  organizationId: 'org_1',
  title: 'Arbetsträning',
  description: 'Lugnt tempo.',
  activityAreas: [],
  status: 'open',
  places: 4,
  placesTaken: 1,
  hoursMin: 4,
  hoursMax: 25,
  ...STOCKHOLM,
  ...over,
});

describe('capacity listings in the engine', () => {
  it('ranks what the person wants first, with the reasons a slot gets', () => {
    const bakery = listing({ id: 'cap_bak', activityAreas: ['surdegsbageri', 'kafé'], lat: 59.36 });
    const cleaning = listing({ id: 'cap_stad', activityAreas: ['städning'] });
    const [first, second] = rankCapacity(participant, [cleaning, bakery]);
    expect(first!.listingId).toBe('cap_bak');
    expect(first!.reasons.map((r) => r.code)).toEqual(['interests_match', 'can_grow', 'distance']);
    expect(first!.reasons[0]!.params.terms).toEqual(['bakning']);
    expect(second!.listingId).toBe('cap_stad');
    // Cleaning suits someone careful ("noggrann"): a strength met, no interest.
    expect(second!.reasons.map((r) => r.code)).toEqual(['strengths_match', 'can_grow', 'distance']);
    const music = rankCapacity(participant, [listing({ activityAreas: ['musik'] })])[0]!;
    expect(music.gaps.map((g) => g.code)).toEqual(['no_interest_match']);
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('leaves out listings that cannot take the participant, and says why', () => {
    const codes = (c: CapacityForMatching) => capacityFailures(participant, c).map((f) => f.code);
    expect(codes(listing({ status: 'paused' }))).toEqual(['slot_not_open']);
    expect(codes(listing({ placesTaken: 4 }))).toEqual(['no_free_place']);
    expect(codes(listing({ lat: 57.7, lon: 11.97 }))).toEqual(['too_far']);
    expect(codes(listing({ hoursMin: 10 }))).toEqual(['slot_minimum_above_current_hours']);
    expect(codes(listing({ activityAreas: ['godis och glass'] }))).toEqual([]);
    const sweets = { ...participant, avoid: ['godis'] };
    expect(capacityFailures(sweets, listing({ activityAreas: ['godisbutik'] })).map((f) => f.code)).toEqual([
      'avoided_task',
    ]);
    expect(
      capacityFailures({ ...participant, preferences: { kinds: ['internship'] } }, listing({})).map(
        (f) => f.code,
      ),
    ).toEqual(['kind_not_wanted']);
    expect(rankCapacity(participant, [listing({ placesTaken: 4 })])).toEqual([]);
  });

  it('shows an avoided category the listing names as a gap, and weighs it down as on a slot', () => {
    const cafe = listing({ id: 'cap_kafe', activityAreas: ['kafé', 'kassa'] });
    const workshop = listing({ id: 'cap_verk', activityAreas: ['cykelverkstad'] });
    const ranked = rankCapacity(participant, [cafe, workshop]);
    expect(ranked.map((m) => m.listingId)).toEqual(['cap_verk', 'cap_kafe']);
    expect(ranked[1]!.gaps).toContainEqual({ code: 'avoid_conflict', params: { category: 'cash_handling' } });
  });

  it('says when the target hours are out of reach', () => {
    const [m] = rankCapacity(participant, [listing({ hoursMax: 12, activityAreas: ['cykelverkstad'] })]);
    expect(m!.gaps).toContainEqual({ code: 'target_out_of_reach', params: { target: 20, max: 12 } });
    expect(m!.reasons).toContainEqual({ code: 'can_grow', params: { from: 8, to: 12 } });
  });
});

describe('GET /v1/participants/{id}/capacity-matches', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("ranks social enterprises' listings for a participant, with Swedish reasons", async () => {
    const enterprise = await orgWithKey(t, 'social_enterprise', 'enterprise');
    const provider = await orgWithKey(t, 'provider', 'handler');
    const body = (over: Record<string, unknown>) => ({
      title: 'Arbetsträning på återbruket',
      description: 'Vi tar emot deltagare i lugn takt.',
      activityAreas: ['second hand'],
      municipalityCode: '0180',
      places: 3,
      participantsPerSupervisor: 3,
      programmes: ['rehabilitation'],
      referralSources: ['arbetsformedlingen'],
      hoursPerWeek: { min: 4, max: 20 },
      ...over,
    });
    const post = async (over: Record<string, unknown>) => {
      const res = await t.call('POST', '/v1/capacity', { key: enterprise.key, body: body(over) });
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    };
    const bakery = await post({ title: 'Arbetsträning i bageri', activityAreas: ['bageri', 'kafé'] });
    const secondHand = await post({});
    await post({ title: 'Fullt', places: 2, placesTaken: 2 });
    await post({ title: 'Långt bort', municipalityCode: '1480' });
    const p = await createParticipant(t, provider.key, { interests: ['bakning'], maxTravelKm: 20 });

    const res = await t.call('GET', `/v1/participants/${p.id}/capacity-matches`, { key: provider.key });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.map((m) => m.listingId)).toEqual([bakery, secondHand]);
    const best = res.body.data[0]!;
    expect(best.reasons[0]).toMatchObject({
      code: 'interests_match',
      text: { sv: 'Matchar intressen: bakning', en: 'Matches interests: bakning' },
    });
    expect(best.listing).toMatchObject({
      title: 'Arbetsträning i bageri',
      organizationId: enterprise.org.id,
      activityAreas: ['bageri', 'kafé'],
      freePlaces: 3,
    });
    expect(res.body.data[1]!.gaps.map((g) => g.code)).toEqual(['no_interest_match']);

    // Another organization's handler may not match this participant.
    const other = await orgWithKey(t, 'provider', 'handler');
    const denied = await t.call('GET', `/v1/participants/${p.id}/capacity-matches`, { key: other.key });
    expect([403, 404]).toContain(denied.status);
  });
});
