/**
 * The search page's remaining parts (#13) and social enterprises' capacity reaching handlers (#14),
 * without a browser: capacity hits beside slots with a listing filter, a listing's own page, the
 * capacity that fits a participant with reasons in Swedish, the SSYK unit-group facet, several
 * municipalities at once, and the matched words marked (never markup from the index).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createSlot, createWorld, issueKey, orgWithKey } from '../helpers/factories';
import { pageClient } from './client';

let t: TestApp;
let w: Awaited<ReturnType<typeof createWorld>>;
let garden: { id: string };
let listingId: string;
let person: { id: string };
let browser: ReturnType<typeof pageClient>;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t); // "Lagerarbetare, plock och pack", 4322, Stockholm
  garden = await createSlot(t, w.employer.key, [w.supervisor.id], {
    title: 'Trädgårdsarbete i parken <b>nu</b>',
    occupation: { ssyk: '6113', label: 'Trädgårdsodlare' },
    location: { municipalityCode: '1480', lat: 57.7, lon: 11.97 },
  });
  await createSlot(t, w.employer.key, [w.supervisor.id], {
    title: 'Kontorsstöd',
    occupation: { ssyk: '4112', label: 'Kontorsassistenter' },
    location: { municipalityCode: '0380', lat: 59.86, lon: 17.64 },
  });
  const enterprise = await orgWithKey(t, 'social_enterprise', 'enterprise');
  const res = await t.call('POST', '/v1/capacity', {
    key: enterprise.key,
    body: {
      title: 'Arbetsträning på återbruket Kvarnen',
      description: 'Vi tar emot deltagare i lugn takt.',
      activityAreas: ['cykelverkstad', 'sömnad'],
      municipalityCode: '0180',
      places: 3,
      participantsPerSupervisor: 3,
      programmes: ['rehabilitation'],
      referralSources: ['arbetsformedlingen'],
      hoursPerWeek: { min: 4, max: 20 },
    },
  });
  expect(res.status, res.text).toBe(201);
  listingId = res.body.id;
  person = await createParticipant(t, w.provider.key, {
    reference: 'SE-CAP-1',
    interests: ['cykel'],
    adaptationNeeds: [],
  });
  await t.app.drainOutbox();
  browser = pageClient(t);
  await browser.signInWithKey(w.provider.key);
});
afterAll(() => t.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('capacity listings on the search page', () => {
  it('lists a listing beside slots, marked and linked to its page; listing= asks for one kind', async () => {
    const all = await browser.get('/search');
    expect(all.status).toBe(200);
    expect(all.html).toContain(`href="/capacity/${listingId}"`);
    expect(text(all.html)).toContain('Arbetsträning hos socialt företag');
    expect(all.html).toContain(`href="/slots/${w.slot.id}"`);

    const only = await browser.get('/search?listing=capacity');
    expect(only.html).toContain(`href="/capacity/${listingId}"`);
    expect(only.html).not.toContain(`href="/slots/${w.slot.id}"`);
    expect(only.html).toMatch(/<option value="capacity" selected/);

    const slots = await browser.get('/search?listing=slot');
    expect(slots.html).not.toContain(`href="/capacity/${listingId}"`);
    expect(slots.html).toContain(`href="/slots/${w.slot.id}"`);

    const bad = await browser.get('/search?listing=job');
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-listing-error"/);
  });

  it('a listing’s page says what it offers and leads to the enterprise', async () => {
    const page = await browser.get(`/capacity/${listingId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Arbetsträning på återbruket Kvarnen</h1>');
    expect(text(page.html)).toContain('cykelverkstad, sömnad');
    expect(text(page.html)).toContain('3 av 3 platser lediga');
    expect(page.html).toMatch(/href="\/employers\/org_\w+"/);
  });

  it('the capacity that fits a participant, with reasons in Swedish, linked from their page', async () => {
    expect((await browser.get(`/participants/${person.id}`)).html).toContain(
      `href="/participants/${person.id}/capacity"`,
    );
    const page = await browser.get(`/participants/${person.id}/capacity`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(page.html).toContain('Arbetsträning som passar SE-CAP-1');
    expect(page.html).toContain(`href="/capacity/${listingId}"`);
    expect(text(page.html)).toContain('Matchar intressen: cykel');
    // Someone too far away gets none, said in words.
    const far = await createParticipant(t, w.provider.key, {
      reference: 'SE-CAP-2',
      location: { municipalityCode: '2584' },
      maxTravelKm: 5,
      adaptationNeeds: [],
    });
    const none = await browser.get(`/participants/${far.id}/capacity`);
    expect(text(none.html)).toContain('Ingen arbetsträning hos sociala företag passar just nu.');
  });

  it('a coordinator typing the address gets the forbidden page (the matching service refuses them)', async () => {
    const coordinator = await issueKey(t, w.provider.org.id, 'coordinator');
    const other = pageClient(t);
    await other.signInWithKey(coordinator.key);
    const page = await other.get(`/participants/${person.id}/capacity`);
    expect(page.status).toBe(403);
    expect(page.html).toContain('Inte tillåtet');
    expect(page.html).not.toContain('Arbetsträning som passar');
  });
});

describe('the search page’s facets and highlights', () => {
  it('offers the unit groups of the chosen occupation area with counts, and filters by one', async () => {
    // Before an area is chosen, none are offered (all 429 would make the page heavy).
    expect((await browser.get('/search')).html).toMatch(
      /<select id="f-ssyk"[^>]*><option value="">Alla yrken<\/option><\/select>/,
    );
    const area = await browser.get('/search?majorGroup=4');
    expect(text(area.html)).toMatch(/Lager- och terminalpersonal \(4322\) \(1\)/);
    expect(text(area.html)).toMatch(/\(4112\) \(1\)/);
    expect(area.html).not.toMatch(/<option value="6113"/);
    const group = await browser.get('/search?ssyk=6113');
    expect(group.html).toContain(`href="/slots/${garden.id}"`);
    expect(group.html).not.toContain(`href="/slots/${w.slot.id}"`);
    expect(group.html).toMatch(/<option value="6113" selected/);
  });

  it('searches several municipalities at once, each kept chosen', async () => {
    const two = await browser.get('/search?municipalityCode=0180&municipalityCode=1480&listing=slot');
    expect(two.status).toBe(200);
    expect(two.html).toContain(`href="/slots/${w.slot.id}"`);
    expect(two.html).toContain(`href="/slots/${garden.id}"`);
    expect(two.html).not.toContain('Kontorsstöd');
    expect(two.html).toMatch(/<select[^>]*name="municipalityCode"[^>]*multiple/);
    expect(two.html).toMatch(/<option value="0180" selected/);
    expect(two.html).toMatch(/<option value="1480" selected/);
    const one = await browser.get('/search?municipalityCode=1480');
    expect(one.html).not.toContain(`href="/slots/${w.slot.id}"`);
  });

  it('marks the matched words, and shows a title’s own angle brackets as text', async () => {
    const words = await browser.get('/search?q=lager');
    expect(words.html).toMatch(/<mark>Lager<\/mark>arbetare/);
    const garden = await browser.get('/search?q=trädgård');
    expect(garden.html).toContain('<mark>Trädgård');
    expect(garden.html).toContain('&lt;b&gt;nu&lt;/b&gt;');
    expect(garden.html).not.toContain('<b>nu</b>');
    // Capacity listings' words are marked too.
    const kvarnen = await browser.get('/search?q=återbruket');
    expect(kvarnen.html).toContain('<mark>återbruket</mark>');
  });
});
