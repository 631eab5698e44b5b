/**
 * Social enterprises' work-training capacity and slot qualities inside workerd (#14): a listing
 * reaches the search index through the outbox (the cron's drain), is found by its words with the
 * `listing` filter, and is ranked for a participant by GET /v1/participants/{id}/capacity-matches
 * with reasons in Swedish; a slot's named quality meets a participant's strength in the per-request
 * (queried) matching the Worker does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createSlot, createSupervisor, orgWithKey } from '../../helpers/factories';
import type { Driver } from '../drivers';
import { runCron } from '../helpers';

/** A word no other test's listing has, so results never depend on what else the database holds. */
const uniqueWord = () =>
  `zq${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('')}`;

type Hit = { id: string; listing: string };

const cookiesOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
type Reason = { code: string; text: { sv: string; en: string } };

export function capacityFlows({ name, t, call, env }: Driver) {
  describe(`work-training capacity and slot qualities on ${name}`, () => {
    let enterprise: Awaited<ReturnType<typeof orgWithKey>>;
    let provider: Awaited<ReturnType<typeof orgWithKey>>;

    beforeAll(async () => {
      enterprise = await orgWithKey(t, 'social_enterprise', 'enterprise');
      provider = await orgWithKey(t, 'provider', 'handler');
    });

    /** A signed-in page session (the key sign-in form), for GETs of pages. */
    const pageSession = async (key: string) => {
      const html = { accept: 'text/html' };
      const signIn = await call('GET', '/', { key: null, headers: html });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(signIn.text)![1]!;
      const signedIn = await call('POST', '/sign-in/key', {
        key: null,
        raw: new URLSearchParams({ _csrf: csrf, key, next: '/search' }).toString(),
        headers: {
          ...html,
          cookie: cookiesOf(signIn.headers),
          origin: 'https://registry.test',
          'content-type': 'application/x-www-form-urlencoded',
        },
      });
      expect(signedIn.status).toBe(303);
      const cookie = cookiesOf(signedIn.headers);
      return (path: string) => call('GET', path, { key: null, headers: { ...html, cookie } });
    };

    const search = async (query: string) => {
      const res = await call('GET', `/v1/slots/search?${query}`, { key: provider.key });
      expect(res.status, res.text).toBe(200);
      return (res.body as { data: Hit[] }).data;
    };

    it('a listing is searched with the listing filter and matched for a participant, reasons in Swedish', async () => {
      const word = uniqueWord();
      const created = await call('POST', '/v1/capacity', {
        key: enterprise.key,
        body: {
          title: `Arbetsträning i ${word}`,
          description: 'Vi tar emot deltagare i lugn takt.',
          activityAreas: [`${word}`, 'cykelverkstad'],
          municipalityCode: '0180',
          places: 3,
          participantsPerSupervisor: 3,
          programmes: ['rehabilitation'],
          referralSources: ['arbetsformedlingen'],
          hoursPerWeek: { min: 4, max: 20 },
        },
      });
      expect(created.status, created.text).toBe(201);
      const id = created.body.id as string;
      // An employer's slot with the same word, so the filter has something to leave out.
      const employer = await orgWithKey(t, 'employer', 'employer');
      const sup = await createSupervisor(t, employer.key);
      const slot = await createSlot(t, employer.key, [sup.id], { title: `Lager ${word}` });

      await runCron(env);
      expect(new Map((await search(`q=${word}`)).map((h) => [h.id, h.listing]))).toEqual(
        new Map([
          [id, 'capacity'],
          [slot.id, 'slot'],
        ]),
      );
      expect((await search(`q=${word}&listing=capacity`)).map((h) => h.id)).toEqual([id]);
      expect((await search(`q=${word}&listing=slot`)).map((h) => h.id)).toEqual([slot.id]);

      const person = await createParticipant(t, provider.key, { interests: [word], adaptationNeeds: [] });
      const res = await call('GET', `/v1/participants/${person.id}/capacity-matches?limit=100`, {
        key: provider.key,
      });
      expect(res.status, res.text).toBe(200);
      const match = (res.body.data as { listingId: string; reasons: Reason[] }[]).find(
        (m) => m.listingId === id,
      );
      expect(match, res.text).toBeTruthy();
      expect(match!.reasons.find((r) => r.code === 'interests_match')?.text.sv).toBe(
        `Matchar intressen: ${word}`,
      );

      // The pages render on the Worker too: the search page's capacity hit, the listing, the matches.
      const page = await pageSession(provider.key);
      const found = await page(`/search?q=${word}&listing=capacity`);
      expect(found.status).toBe(200);
      expect(found.text).toContain(`href="/capacity/${id}"`);
      expect(found.text).toContain(`<mark>${word}</mark>`);
      expect(found.text).not.toContain(`href="/slots/${slot.id}"`);
      expect((await page(`/capacity/${id}`)).text).toContain(`<h1>Arbetsträning i ${word}</h1>`);
      const fits = await page(`/participants/${person.id}/capacity`);
      expect(fits.status).toBe(200);
      expect(fits.headers.get('cache-control')).toBe('no-store');
      expect(fits.text).toContain(`Matchar intressen: ${word}`);

      // Its places all taken: no longer matched, gone from search at once.
      await call('PATCH', `/v1/capacity/${id}`, { key: enterprise.key, body: { placesTaken: 3 } });
      const after = await call('GET', `/v1/participants/${person.id}/capacity-matches?limit=100`, {
        key: provider.key,
      });
      expect((after.body.data as { listingId: string }[]).map((m) => m.listingId)).not.toContain(id);
      expect((await search(`q=${word}&listing=capacity`)).map((h) => h.id)).toEqual([]);
    });

    it('a slot naming the quality a participant has gives the strengths reason', async () => {
      const employer = await orgWithKey(t, 'employer', 'employer');
      const sup = await createSupervisor(t, employer.key);
      const slot = await createSlot(t, employer.key, [sup.id], {
        title: 'Hundpensionat',
        description: 'Hundar i alla storlekar.',
        tasks: ['rasta hundar'],
        occupation: { ssyk: '5169', label: 'Hundvakt' },
        adaptations: [],
        suits: ['structured'],
      });
      expect(slot.suits).toEqual(['structured']);
      const person = await createParticipant(t, provider.key, {
        strengths: ['strukturerad'],
        interests: [],
        adaptationNeeds: [],
      });
      const res = await call('GET', `/v1/participants/${person.id}/matches?limit=100`, { key: provider.key });
      expect(res.status, res.text).toBe(200);
      const match = (res.body.data as { slotId: string; reasons: Reason[] }[]).find(
        (m) => m.slotId === slot.id,
      );
      expect(match?.reasons.find((r) => r.code === 'strengths_match')?.text.sv).toBe(
        'Tar vara på styrkor: strukturerad',
      );
    });
  });
}
