/**
 * What search does, whatever the engine: one suite, run against the embedded adapter always
 * (embedded.test.ts) and against Meilisearch when MEILISEARCH_URL is set (meilisearch.int.test.ts).
 * Everything goes through HTTP and the outbox, as in production: a write queues its index task,
 * `drainOutbox` applies it. Each test uses words of its own, so tests do not see each other's slots.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisors } from '../../db/schema';
import { ADMIN_KEY, createTestApp, type TestApp, type TestAppOptions } from '../helpers/app';
import {
  createCapacityListing,
  createParticipant,
  createSlot,
  createSupervisor,
  orgWithKey,
} from '../helpers/factories';

export const TODAY = new Date('2026-06-01T10:00:00Z');

const STOCKHOLM = { municipalityCode: '0180', lat: 59.3293, lon: 18.0686 };
const SOLNA = { municipalityCode: '0184', lat: 59.36, lon: 18.0 };
const UPPSALA = { municipalityCode: '0380', lat: 59.8586, lon: 17.6389 };
const GOTEBORG = { municipalityCode: '1480', lat: 57.7089, lon: 11.9746 };

type Org = Awaited<ReturnType<typeof orgWithKey>> & { supervisorId: string };

export function searchBehaviourSuite(
  engine: 'embedded' | 'meilisearch',
  env: Record<string, string> = {},
  /** The app's search, made over the test's database (e.g. the embedded index with its answers kept). */
  searchOf?: TestAppOptions['search'],
) {
  const name = [engine, env.SEARCH_PLAN, searchOf && 'answers kept'].filter(Boolean).join(', ');
  describe(`slot search behaviour (${name})`, () => {
    let t: TestApp;
    let a: Org; // employer in Stockholm
    let b: Org; // employer in Göteborg
    let handler: Awaited<ReturnType<typeof orgWithKey>>;

    const org = async (kind: 'employer' | 'social_enterprise') => {
      const o = await orgWithKey(t, kind, kind === 'employer' ? 'employer' : 'enterprise');
      return { ...o, supervisorId: (await createSupervisor(t, o.key)).id };
    };
    const slot = (o: Org, overrides: Record<string, unknown>) =>
      createSlot(t, o.key, [o.supervisorId], overrides);
    const drain = async () => {
      while ((await t.app.drainOutbox({ batchSize: 200 })).claimed > 0);
    };
    const search = async (query: string, key: string = handler.key) => {
      const res = await t.call('GET', `/v1/slots/search?${query}`, { key });
      if (res.status !== 200) throw new Error(`search answered ${res.status}: ${res.text}`);
      return res.body;
    };
    const ids = async (query: string, key?: string) => (await search(query, key)).data.map((h) => h.id);

    beforeAll(async () => {
      t = await createTestApp({ env, clock: () => TODAY, search: searchOf });
      a = await org('employer');
      b = await org('employer');
      handler = await orgWithKey(t, 'provider', 'handler');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('finds a slot by a word of its title and answers what a handler needs', async () => {
      const s = await slot(a, {
        title: 'Bokbindare i hantverksateljé',
        description: 'Vi binder böcker för hand.',
        location: STOCKHOLM,
        hoursPerWeek: { min: 4, max: 16 },
        schedule: [{ day: 'mon', start: '08:00', end: '16:00' }],
      });
      await drain();
      const res = await search('q=bokbindare');
      expect(res.meta.engine).toBe(engine);
      expect(res.total).toBe(1);
      expect(res.data[0]).toMatchObject({
        id: s.id,
        title: 'Bokbindare i hantverksateljé',
        organization: { id: a.org.id, name: a.org.name },
        municipality: { code: '0180', name: 'Stockholm' },
        kind: 'work_training',
        status: 'open',
        hoursPerWeek: { min: 4, max: 16 },
        capacity: 2,
        freePlaces: 2,
        openEnded: true,
        distanceKm: null,
      });
      expect(res.data[0]!.highlight.title).toContain('<mark>');
      expect(res.data[0]!.highlight.title.replace(/<\/?mark>/g, '')).toBe('Bokbindare i hantverksateljé');
    });

    it('matches the last word as a prefix while it is typed, and tolerates a small typo', async () => {
      const s = await slot(a, { title: 'Pepparkaksbagare inför julen', location: STOCKHOLM });
      await drain();
      expect(await ids('q=pepparkaksba')).toEqual([s.id]);
      expect(await ids('q=pepparkaksbgare')).toEqual([s.id]);
      expect(await ids('q=PEPPARKAKSBAGARE')).toEqual([s.id]);
    });

    it('needs every word to match', async () => {
      const s = await slot(a, { title: 'Glasblåsare i glashytta', location: STOCKHOLM });
      await drain();
      expect(await ids('q=glasblåsare glashytta')).toEqual([s.id]);
      expect(await ids('q=glasblåsare krukmakare')).toEqual([]);
    });

    it('filters by municipality (one or many), kind, adaptations, weekdays and hours', async () => {
      const stockholm = await slot(a, {
        title: 'Cykelmekaniker filtertest',
        location: STOCKHOLM,
        kind: 'work_training',
        adaptations: [
          { code: 'quiet_workspace', status: 'in_place' },
          { code: 'written_instructions', status: 'can_arrange' },
        ],
        schedule: [
          { day: 'mon', start: '08:00', end: '12:00' },
          { day: 'wed', start: '08:00', end: '12:00' },
        ],
        hoursPerWeek: { min: 4, max: 8 },
      });
      const uppsala = await slot(a, {
        title: 'Cykelmekaniker filtertest',
        location: UPPSALA,
        kind: 'internship',
        adaptations: [{ code: 'quiet_workspace', status: 'can_arrange' }],
        schedule: [
          { day: 'tue', start: '08:00', end: '16:00' },
          { day: 'wed', start: '08:00', end: '16:00' },
        ],
        hoursPerWeek: { min: 10, max: 16 },
      });
      await drain();
      const q = 'q=filtertest';
      expect((await ids(`${q}&municipalityCode=0180`)).sort()).toEqual([stockholm.id]);
      expect((await ids(`${q}&municipalityCode=0180,0380`)).sort()).toEqual(
        [stockholm.id, uppsala.id].sort(),
      );
      expect(await ids(`${q}&kind=internship`)).toEqual([uppsala.id]);
      expect((await ids(`${q}&kind=internship,work_training`)).length).toBe(2);
      // Every listed adaptation, whether in place or can be arranged.
      expect((await ids(`${q}&adaptations=quiet_workspace`)).length).toBe(2);
      expect(await ids(`${q}&adaptations=quiet_workspace,written_instructions`)).toEqual([stockholm.id]);
      // Supervised windows on every listed weekday.
      expect((await ids(`${q}&days=wed`)).length).toBe(2);
      expect(await ids(`${q}&days=mon,wed`)).toEqual([stockholm.id]);
      expect(await ids(`${q}&days=tue,wed`)).toEqual([uppsala.id]);
      // The slot's hours-per-week range contains the hours asked for.
      expect(await ids(`${q}&hours=6`)).toEqual([stockholm.id]);
      expect(await ids(`${q}&hours=12`)).toEqual([uppsala.id]);
      expect((await ids(`${q}&hours=8`)).sort()).toEqual([stockholm.id]);
      expect(await ids(`${q}&hours=30`)).toEqual([]);
    });

    it('filters by duration, leads to hire, social intensity and physical demand', async () => {
      const longTerm = await slot(a, {
        title: 'Möbelrenoverare varaktighet',
        location: STOCKHOLM,
        openEnded: true,
        leadsToHire: true,
        environment: { socialIntensity: 'low', physicalDemand: 'high' },
      });
      const halfYear = await slot(a, {
        title: 'Möbelrenoverare varaktighet',
        location: STOCKHOLM,
        openEnded: false,
        startDate: '2026-05-01',
        endDate: '2027-05-01',
        environment: { socialIntensity: 'medium', physicalDemand: 'low' },
      });
      const short = await slot(a, {
        title: 'Möbelrenoverare varaktighet',
        location: STOCKHOLM,
        openEnded: false,
        startDate: '2026-06-01',
        endDate: '2026-08-01',
        environment: { socialIntensity: 'high', physicalDemand: 'low' },
      });
      const ended = await slot(a, {
        title: 'Möbelrenoverare varaktighet',
        location: STOCKHOLM,
        openEnded: false,
        startDate: '2026-01-01',
        endDate: '2026-05-01',
      });
      await drain();
      const q = 'q=varaktighet';
      const all = await ids(q);
      expect(all.sort()).toEqual([longTerm.id, halfYear.id, short.id].sort());
      expect(all).not.toContain(ended.id); // its end date has passed
      expect(await ids(`${q}&openEnded=true`)).toEqual([longTerm.id]);
      expect((await ids(`${q}&openEnded=false`)).sort()).toEqual([halfYear.id, short.id].sort());
      expect((await ids(`${q}&minDurationWeeks=26`)).sort()).toEqual([longTerm.id, halfYear.id].sort());
      expect(await ids(`${q}&minDurationWeeks=60`)).toEqual([longTerm.id]);
      expect(await ids(`${q}&leadsToHire=true`)).toEqual([longTerm.id]);
      expect((await ids(`${q}&leadsToHire=false`)).length).toBe(2);
      expect(await ids(`${q}&socialIntensity=low`)).toEqual([longTerm.id]);
      expect((await ids(`${q}&socialIntensity=low,medium`)).sort()).toEqual(
        [longTerm.id, halfYear.id].sort(),
      );
      expect((await ids(`${q}&physicalDemand=low`)).sort()).toEqual([halfYear.id, short.id].sort());
    });

    it('limits by distance from a point, reports it, and sorts by it', async () => {
      const city = await slot(a, { title: 'Skomakare avståndstest', location: STOCKHOLM });
      const solna = await slot(a, { title: 'Skomakare avståndstest', location: SOLNA });
      const uppsala = await slot(a, { title: 'Skomakare avståndstest', location: UPPSALA });
      const gbg = await slot(b, { title: 'Skomakare avståndstest', location: GOTEBORG });
      await drain();
      const near = `near=${STOCKHOLM.lat},${STOCKHOLM.lon}`;
      const within10 = await search(`q=avståndstest&${near}&radiusKm=10`);
      expect(within10.data.map((h) => h.id).sort()).toEqual([city.id, solna.id].sort());
      // Two words start from the text match instead of the map: the same radius rules.
      const twoWords = await search(`q=skomakare avståndstest&${near}&radiusKm=80`);
      expect(twoWords.data.map((h) => h.id).sort()).toEqual([city.id, solna.id, uppsala.id].sort());
      const byDistance = await search(`q=avståndstest&${near}&sort=distance`);
      expect(byDistance.data.map((h) => h.id)).toEqual([city.id, solna.id, uppsala.id, gbg.id]);
      const km = byDistance.data.map((h) => h.distanceKm);
      expect(km[0]).toBeLessThan(0.5);
      expect(km[1]).toBeGreaterThan(3);
      expect(km[1]).toBeLessThan(6);
      expect(km[2]).toBeGreaterThan(55);
      expect(km[2]).toBeLessThan(70);
      expect(km[3]).toBeGreaterThan(390);
      // Without text, a point alone sorts by distance.
      const browse = await search(`near=${GOTEBORG.lat},${GOTEBORG.lon}&radiusKm=5`);
      expect(browse.meta.sort).toBe('distance');
      const browsed = browse.data.map((h) => h.distanceKm as number);
      expect(browsed).toEqual([...browsed].sort((x, y) => x - y));
      expect(Math.max(...browsed)).toBeLessThanOrEqual(5);
      expect(browse.data.map((h) => h.id)).toContain(gbg.id);
    });

    it('counts facets by municipality, kind and adaptation over every match', async () => {
      await slot(a, {
        title: 'Urmakare fasettest',
        location: STOCKHOLM,
        kind: 'work_trial',
        adaptations: [{ code: 'slower_pace', status: 'in_place' }],
      });
      await slot(a, {
        title: 'Urmakare fasettest',
        location: STOCKHOLM,
        kind: 'internship',
        adaptations: [
          { code: 'slower_pace', status: 'can_arrange' },
          { code: 'visual_schedule', status: 'in_place' },
        ],
      });
      await slot(b, { title: 'Urmakare fasettest', location: GOTEBORG, kind: 'internship', adaptations: [] });
      await drain();
      const res = await search('q=fasettest&limit=1');
      expect(res.total).toBe(3);
      expect(res.data).toHaveLength(1);
      expect(res.facets.municipalityCode).toEqual({ '0180': 2, '1480': 1 });
      expect(res.facets.kind).toEqual({ work_trial: 1, internship: 2 });
      expect(res.facets.adaptations).toEqual({ slower_pace: 2, visual_schedule: 1 });
      const narrowed = await search('q=fasettest&kind=internship');
      expect(narrowed.facets.municipalityCode).toEqual({ '0180': 1, '1480': 1 });
    });

    it('pages through results with a cursor, newest first when browsing', async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++)
        made.push((await slot(a, { title: `Sidvisning ${i}`, location: STOCKHOLM })).id);
      await drain();
      const first = await search('q=sidvisning&limit=2&sort=newest');
      expect(first.total).toBe(5);
      expect(first.data.map((h) => h.id)).toEqual([made[4], made[3]]);
      expect(first.nextCursor).toBeTruthy();
      const second = await search(`q=sidvisning&limit=2&sort=newest&cursor=${first.nextCursor}`);
      expect(second.data.map((h) => h.id)).toEqual([made[2], made[1]]);
      const third = await search(`q=sidvisning&limit=2&sort=newest&cursor=${second.nextCursor}`);
      expect(third.data.map((h) => h.id)).toEqual([made[0]]);
      expect(third.nextCursor).toBeNull();
    });

    it('ranks a title match above a description match', async () => {
      const inDescription = await slot(a, {
        title: 'Medarbetare i butik',
        description: 'Ibland hjälper du till som keramiker i vår verkstad.',
        location: STOCKHOLM,
      });
      const inTitle = await slot(a, {
        title: 'Keramiker',
        description: 'Dreja och glasera.',
        location: STOCKHOLM,
      });
      await drain();
      expect(await ids('q=keramiker')).toEqual([inTitle.id, inDescription.id]);
    });

    it('shows employers only their own slots; providers and the platform see all', async () => {
      const mine = await slot(a, { title: 'Synlighetstest hos A', location: STOCKHOLM });
      const theirs = await slot(b, { title: 'Synlighetstest hos B', location: GOTEBORG });
      await drain();
      expect(await ids('q=synlighetstest', a.key)).toEqual([mine.id]);
      expect(await ids('q=synlighetstest', b.key)).toEqual([theirs.id]);
      // Asking for another organization does not widen an employer's view.
      expect(await ids(`q=synlighetstest&organizationId=${b.org.id}`, a.key)).toEqual([mine.id]);
      expect((await ids('q=synlighetstest')).sort()).toEqual([mine.id, theirs.id].sort());
      expect((await ids('q=synlighetstest', ADMIN_KEY)).sort()).toEqual([mine.id, theirs.id].sort());
      expect(await ids(`q=synlighetstest&organizationId=${b.org.id}`)).toEqual([theirs.id]);
    });

    it('drops closed, deleted and full slots at once, before the index catches up', async () => {
      const closing = await slot(a, { title: 'Tapetserare tillgänglighet', location: STOCKHOLM });
      const deleting = await slot(a, { title: 'Tapetserare tillgänglighet', location: STOCKHOLM });
      const filling = await slot(a, {
        title: 'Tapetserare tillgänglighet',
        location: STOCKHOLM,
        capacity: 1,
      });
      const pausing = await slot(a, { title: 'Tapetserare tillgänglighet', location: STOCKHOLM });
      await drain();
      expect((await ids('q=tillgänglighet')).length).toBe(4);

      expect(
        (await t.call('PATCH', `/v1/slots/${closing.id}`, { key: a.key, body: { status: 'closed' } })).status,
      ).toBe(200);
      expect((await t.call('DELETE', `/v1/slots/${deleting.id}`, { key: a.key })).status).toBe(204);
      expect(
        (await t.call('PATCH', `/v1/slots/${pausing.id}`, { key: a.key, body: { status: 'paused' } })).status,
      ).toBe(200);
      // Its one place taken by an accepted placement.
      const participant = await createParticipant(t, handler.key);
      const proposal = await t.call('POST', '/v1/placements', {
        key: handler.key,
        body: { participantId: participant.id, slotId: filling.id, disclose: ['strengths'] },
      });
      expect(proposal.status).toBe(201);
      expect((await t.call('POST', `/v1/placements/${proposal.body.id}/accept`, { key: a.key })).status).toBe(
        200,
      );
      // No drain: the index still has all four as they were.
      const now = await search('q=tillgänglighet');
      expect(now.data.map((h) => h.id)).toEqual([]);
      expect(now.total).toBe(0);
      expect(await ids('q=tillgänglighet&includeFull=true')).toEqual([filling.id]);

      await drain();
      expect(await ids('q=tillgänglighet')).toEqual([]);
      expect(await ids('q=tillgänglighet&status=open,paused')).toEqual([pausing.id]);
      // Reopened slots come back once their index task has run.
      await t.call('PATCH', `/v1/slots/${closing.id}`, { key: a.key, body: { status: 'open' } });
      await drain();
      expect(await ids('q=tillgänglighet')).toEqual([closing.id]);
    });

    it('indexes edits once their task runs: new words find the slot, old ones no longer do', async () => {
      const s = await slot(a, { title: 'Fotograf i ateljé', location: STOCKHOLM });
      await drain();
      await t.call('PATCH', `/v1/slots/${s.id}`, { key: a.key, body: { title: 'Bildredigerare i studio' } });
      await drain();
      expect(await ids('q=bildredigerare')).toEqual([s.id]);
      expect(await ids('q=fotograf')).toEqual([]);
    });

    it('never indexes participant data', async () => {
      const provider = await orgWithKey(t, 'provider', 'handler');
      await createParticipant(t, provider.key, {
        strengths: ['kamelskötsel'],
        interests: ['ballongflygning'],
        reference: 'ZEBRA-2024-017',
      });
      await slot(a, { title: 'Ballongflygning som hobby? Vi söker lagerpersonal', location: STOCKHOLM });
      await drain();
      expect(await ids('q=kamelskötsel')).toEqual([]);
      expect(await ids('q=zebra')).toEqual([]);
      // A slot with the same word is found: the word is searchable, the participant was never indexed.
      expect((await ids('q=ballongflygning')).length).toBe(1);
    });

    it('finds slots by the occupation a word names, by SSYK code, and filters and counts by group', async () => {
      const dev = await slot(a, {
        title: 'Webbutveckling i litet team',
        description: 'Du bygger webbsidor.',
        tasks: ['skriva kod'],
        occupation: { ssyk: '2512', label: 'Mjukvaru- och systemutvecklare m.fl.' },
        location: STOCKHOLM,
      });
      const kitchen = await slot(a, {
        title: 'Köksbiträde på lunchrestaurang',
        description: 'Plocka in i maskinen och ställa i ordning.',
        tasks: ['hålla ordning i köket'],
        occupation: { ssyk: '9412', label: 'Restaurang- och köksbiträden m.fl.' },
        location: STOCKHOLM,
      });
      const care = await slot(a, {
        title: 'Stöd på äldreboende',
        description: 'Sällskap och enklare sysslor.',
        tasks: ['duka', 'promenera'],
        occupation: { ssyk: '5323', label: 'Undersköterskor, vård- och specialavdelning' },
        location: STOCKHOLM,
      });
      await drain();
      // Their words differ from the occupation's name: the group is what meets.
      expect(await ids('q=programmerare')).toEqual([dev.id]);
      expect(await ids('q=diskare')).toEqual([kitchen.id]);
      expect(await ids('q=undersköterska')).toEqual([care.id]);
      expect(await ids('q=2512')).toEqual([dev.id]);
      expect(await ids('ssyk=9412,5323&sort=newest')).toEqual([care.id, kitchen.id]);
      expect((await ids('majorGroup=2')).includes(dev.id)).toBe(true);
      expect(await ids('majorGroup=2&ssyk=9412')).toEqual([]);
      const counted = await search('ssyk=2512,9412,5323');
      expect(counted.facets.ssyk).toEqual({ '2512': 1, '9412': 1, '5323': 1 });
      expect(counted.facets.majorGroup).toEqual({ '2': 1, '9': 1, '5': 1 });
      const bad = await t.call('GET', '/v1/slots/search?ssyk=1234', { key: handler.key });
      expect(bad.status).toBe(400);
      expect(bad.problem.errors?.[0]?.path).toBe('query.ssyk');
    });

    it('understands Swedish word forms, compounds and spellings without å, ä and ö', async () => {
      const bakery = await slot(a, {
        title: 'Hjälp i surdegsbageriet',
        description: 'Vi bakar bröd tidigt.',
        tasks: ['baka bröd'],
        location: STOCKHOLM,
      });
      const garden = await slot(a, { title: 'Skötsel av rosenträdgård', location: STOCKHOLM });
      const shop = await slot(a, { title: 'Kassabiträde i fiskbutik', location: STOCKHOLM });
      await drain();
      expect(await ids('q=bakning')).toEqual([bakery.id]);
      expect(await ids('q=rosentradgard')).toEqual([garden.id]);
      expect(await ids('q=tradgard rosen')).toEqual([garden.id]);
      // A word boundary: "träd" is not in "kassabiträde".
      expect((await ids('q=träd')).includes(shop.id)).toBe(false);
      expect(await ids('q=fiskbutik')).toEqual([shop.id]);
    });

    it('lists by default only slots that can take someone now: a free place and a supervisor with room', async () => {
      const sup = await createSupervisor(t, a.key, { maxParticipants: 1 });
      const s = await slot(a, { title: 'Ljusstöpare i verkstad', location: STOCKHOLM });
      const other = await createSlot(t, a.key, [sup.id], { title: 'Ljusstöpare med egen handledare' });
      await drain();
      expect((await ids('q=ljusstöpare')).sort()).toEqual([s.id, other.id].sort());
      // The supervisor fills up (as accepted placements do): the slot cannot take anyone now.
      await t.db.update(supervisors).set({ activePlacements: 1 }).where(eq(supervisors.id, sup.id));
      expect(await ids('q=ljusstöpare')).toEqual([s.id]);
      expect((await search('q=ljusstöpare')).total).toBe(1);
      expect((await ids('q=ljusstöpare&includeFull=true')).sort()).toEqual([s.id, other.id].sort());
    });

    it("finds a social enterprise's work-training capacity by its words and activity areas, like slots", async () => {
      const enterprise = await orgWithKey(t, 'social_enterprise', 'enterprise');
      const listing = async (body: Record<string, unknown>) =>
        (
          await createCapacityListing(t, enterprise.key, {
            title: 'Arbetsträning på återbruket Kvarnen',
            ...body,
          })
        ).id;
      const kvarnen = await listing({});
      const full = await listing({ title: 'Arbetsträning på återbruket Fullt', places: 2, placesTaken: 2 });
      const s = await slot(a, { title: 'Sömmerska i ateljé Kvarnen', location: STOCKHOLM });
      await drain();

      // An activity area's compound part finds it ("verkstad" in "cykelverkstad"), as in a slot.
      const res = await search('q=återbruket verkstad');
      expect(res.data.map((h) => h.id)).toEqual([kvarnen]);
      expect(res.data[0]).toMatchObject({
        listing: 'capacity',
        title: 'Arbetsträning på återbruket Kvarnen',
        organization: { id: enterprise.org.id },
        municipality: { code: '0180', name: 'Stockholm' },
        kind: 'work_training',
        status: 'open',
        hoursPerWeek: { min: 5, max: 20 },
        capacity: 3,
        freePlaces: 3,
        openEnded: true,
      });
      // Slots and listings in one answer, each marked; the full listing only with includeFull.
      const both = await search('q=kvarnen');
      expect(new Map(both.data.map((h) => [h.id, h.listing]))).toEqual(
        new Map([
          [kvarnen, 'capacity'],
          [s.id, 'slot'],
        ]),
      );
      // listing= asks for one of the two; both named is the same as neither.
      expect(await ids('q=kvarnen&listing=capacity')).toEqual([kvarnen]);
      expect(await ids('q=kvarnen&listing=slot')).toEqual([s.id]);
      expect((await ids('q=kvarnen&listing=slot,capacity')).sort()).toEqual([kvarnen, s.id].sort());
      expect(
        (await search('listing=capacity&includeFull=true')).data.every((h) => h.listing === 'capacity'),
      ).toBe(true);
      const bad = await t.call('GET', '/v1/slots/search?listing=job', { key: handler.key });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('listing');
      expect(await ids('q=återbruket')).toEqual([kvarnen]);
      expect((await ids('q=återbruket&includeFull=true')).sort()).toEqual([kvarnen, full].sort());
      // Within a radius of its municipality, and not when a filter asks what a listing does not state.
      expect(await ids(`q=återbruket&near=${STOCKHOLM.lat},${STOCKHOLM.lon}&radiusKm=10`)).toEqual([kvarnen]);
      expect(await ids('q=återbruket&days=mon')).toEqual([]);
      expect(await ids('q=återbruket&physicalDemand=low,medium,high')).toEqual([]);
      // Its places taken: gone at once; deleted: gone from the index.
      const taken = await t.call('PATCH', `/v1/capacity/${kvarnen}`, {
        key: enterprise.key,
        body: { placesTaken: 3 },
      });
      expect(taken.status, taken.text).toBe(200);
      expect(await ids('q=återbruket')).toEqual([]);
      await drain();
      expect(await ids('q=återbruket&includeFull=true')).toContain(kvarnen);
      expect((await t.call('DELETE', `/v1/capacity/${kvarnen}`, { key: enterprise.key })).status).toBe(204);
      await drain();
      expect(await ids('q=återbruket&includeFull=true')).toEqual([full]);
      // Employers see only their own, as with slots.
      expect(await ids('q=återbruket&includeFull=true', a.key)).toEqual([]);
    });

    it('treats query syntax as plain words (no injection, no server error)', async () => {
      await slot(a, { title: 'Sadelmakare med läder', location: STOCKHOLM });
      await drain();
      for (const q of [
        '"sadelmakare',
        'sadelmakare*',
        'sadelmakare OR',
        'NEAR(sadelmakare läder)',
        'title:sadelmakare',
        '(sadelmakare',
        'sadelmakare^2',
        "'; DROP TABLE slots; --",
        '-läder',
        '{title}: x',
        '""',
        '*',
      ]) {
        const res = await t.call('GET', `/v1/slots/search?q=${encodeURIComponent(q)}`, { key: handler.key });
        expect(res.status, q).toBe(200);
      }
      expect((await ids(`q=${encodeURIComponent('"sadelmakare')}`)).length).toBe(1);
    });
  });
}
