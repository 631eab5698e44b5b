/**
 * The employer list reaches every organization: one kind at a time (employers, social enterprises),
 * by name in Swedish order (å, ä, ö after z), fifty a page (or ?limit) with "Föregående" and "Nästa"
 * in a labelled nav that says which page this is, and a name filter that folds å ä ö é too. Before,
 * the page read at most 500 employers and 500 social enterprises, in the order registered, and
 * "åhléns" did not find "Åhléns". The employers last in touch are named even on a later page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employerContacts, organizations } from '../../db/schema';
import { newId } from '../../src/lib/ids';
import { nameColumns } from '../../src/lib/swedish-order';
import { createTestApp, type TestApp } from '../helpers/app';
import { createOrganization, orgWithKey } from '../helpers/factories';
import { pageClient } from './client';

let t: TestApp;
let browser: ReturnType<typeof pageClient>;
let provider: Awaited<ReturnType<typeof orgWithKey>>;
const MANY = 520;
let last: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  provider = await orgWithKey(t, 'provider', 'handler');
  // More employers than the page used to read (500), written straight to the database for speed.
  const now = new Date().toISOString();
  const rows = Array.from({ length: MANY }, (_, i) => ({
    id: newId('organization'),
    name: `Arbetsgivare ${String(i).padStart(3, '0')}`,
    ...nameColumns(`Arbetsgivare ${String(i).padStart(3, '0')}`),
    kind: 'employer' as const,
    organizationNumber: `55${String(i).padStart(8, '0')}`,
    contactEmail: `a${i}@example.se`,
    municipalityCode: '0180',
    deactivatedAt: null,
    createdAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < rows.length; i += 100) await t.db.insert(organizations).values(rows.slice(i, i + 100));
  last = await createOrganization(t, 'employer', { name: 'Sista Bageriet i Lund' });
  await createOrganization(t, 'social_enterprise', { name: 'Returbutiken Ekonomisk förening' });
  await t.call('POST', '/v1/employer-contacts', {
    key: provider.key,
    body: {
      employerOrganizationId: last.id,
      date: '2026-01-12',
      channel: 'phone',
      outcome: 'Vill ha en praktikant',
    },
  });
  browser = pageClient(t);
  await browser.signInWithKey(provider.key);
});
afterAll(() => t.close());

const ids = (html: string) => [...html.matchAll(/<td><a href="\/employers\/(org_\w+)">/g)].map((m) => m[1]!);
const link = (html: string, text: string) =>
  new RegExp(`<a href="(/employers\\?[^"]*)" rel="(?:prev|next)">${text}</a>`)
    .exec(html)?.[1]
    ?.replaceAll('&amp;', '&');
const nextLink = (html: string) => link(html, 'Nästa');
const prevLink = (html: string) => link(html, 'Föregående');
const pager = (html: string) =>
  /<nav class="actions pager" aria-label="Sidor i listan">([\s\S]*?)<\/nav>/.exec(html)?.[1];
const current = (html: string) => /<span aria-current="page">([^<]*)<\/span>/.exec(pager(html) ?? '')?.[1];

describe('the employer list', () => {
  it('pages through every employer, fifty at a time, each once', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/employers';
    let pages = 0;
    while (path && pages < 20) {
      const res = await browser.get(path);
      expect(res.status).toBe(200);
      expect(ids(res.html).length).toBeLessThanOrEqual(50);
      seen.push(...ids(res.html));
      path = nextLink(res.html);
      pages++;
    }
    const all = await t.client.execute("select id from organizations where kind = 'employer'");
    expect(all.rows.length).toBe(MANY + 1);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all.rows.map((r) => String(r.id)).sort());
    expect(pages).toBe(11);
    // By name: "Arbetsgivare 000" … "Arbetsgivare 519", then "Sista Bageriet i Lund".
    expect(seen.at(-1)).toBe(last.id);
  });

  it('goes forward and back a few at a time, by name in Swedish order, saying which page it is', async () => {
    const names = ['Östra Återbruk', 'Åhléns Second Hand', 'ängens café', 'Zebra Snickeri', 'Ekens Trädgård'];
    for (const name of [...names, 'ÉLAN Textil']) await createOrganization(t, 'social_enterprise', { name });
    const order = [
      'Ekens Trädgård',
      'ÉLAN Textil', // é as e: after "ek", before "r"
      'Returbutiken Ekonomisk förening',
      'Zebra Snickeri',
      'Åhléns Second Hand', // å, ä, ö after z
      'ängens café',
      'Östra Återbruk',
    ];
    const shown = (html: string) =>
      [...html.matchAll(/<td><a href="\/employers\/org_\w+">([^<]*)<\/a>/g)].map((m) => m[1]);
    const one = await browser.get('/employers?kind=social_enterprise&limit=3');
    expect(shown(one.html)).toEqual(order.slice(0, 3));
    expect(current(one.html)).toBe('Sida 1');
    expect(prevLink(one.html)).toBeUndefined();
    // The tabs and the links keep the page size.
    expect(one.html).toContain('href="/employers?kind=employer&amp;limit=3"');
    expect(one.html).toContain('<input type="hidden" name="limit" value="3"/>');

    const two = await browser.get(nextLink(one.html)!);
    expect(shown(two.html)).toEqual(order.slice(3, 6));
    expect(current(two.html)).toBe('Sida 2');
    expect(prevLink(two.html)).toBeDefined();

    const three = await browser.get(nextLink(two.html)!);
    expect(shown(three.html)).toEqual(order.slice(6));
    expect(current(three.html)).toBe('Sida 3');
    expect(nextLink(three.html)).toBeUndefined();

    const backToTwo = await browser.get(prevLink(three.html)!);
    expect(shown(backToTwo.html)).toEqual(order.slice(3, 6));
    expect(current(backToTwo.html)).toBe('Sida 2');
    const backToOne = await browser.get(prevLink(backToTwo.html)!);
    expect(shown(backToOne.html)).toEqual(order.slice(0, 3));
    expect(current(backToOne.html)).toBe('Sida 1');
    expect(prevLink(backToOne.html)).toBeUndefined();

    // The filter folds Swedish letters: "åhléns" finds "Åhléns", "ÖSTRA" finds "Östra".
    const q = (name: string) =>
      browser.get(`/employers?kind=social_enterprise&name=${encodeURIComponent(name)}`);
    expect(shown((await q('åhléns')).html)).toEqual(['Åhléns Second Hand']);
    expect(shown((await q('ÖSTRA')).html)).toEqual(['Östra Återbruk']);
    expect(shown((await q('ÄNGENS CAFÉ')).html)).toEqual(['ängens café']);
    expect(shown((await q('élan')).html)).toEqual(['ÉLAN Textil']);
    // One page only: no pager at all.
    expect(pager((await q('élan')).html)).toBeUndefined();

    // In English the same nav, translated.
    await browser.get('/lang/en');
    const en = await browser.get('/employers?kind=social_enterprise&limit=3');
    await browser.get('/lang/sv');
    expect(en.html).toContain('<nav class="actions pager" aria-label="Pages of the list">');
    expect(en.html).toContain('<span aria-current="page">Page 1</span>');
    expect(en.html).toMatch(/rel="next">Next<\/a>/);
  });

  it('shows social enterprises apart, filters by name, and names the last contacted on page one', async () => {
    const first = await browser.get('/employers');
    // On page 11 of the list, but contacted last: named under "Senast kontaktade".
    expect(first.html).toMatch(/id="recent"[\s\S]*Sista Bageriet i Lund[\s\S]*id="all"/);
    expect(first.html).toContain('aria-current="page">Arbetsgivare</a>');

    const enterprises = await browser.get('/employers?kind=social_enterprise');
    expect(enterprises.html).toContain('Returbutiken Ekonomisk förening');
    expect(enterprises.html).not.toContain('Arbetsgivare 000');

    const filtered = await browser.get('/employers?kind=employer&name=bageriet');
    expect(ids(filtered.html)).toEqual([last.id]);
    expect(nextLink(filtered.html)).toBeUndefined();
    // '%' is the text typed, not a wildcard.
    expect(ids((await browser.get('/employers?kind=employer&name=%25')).html)).toEqual([]);

    const tooLong = await browser.get(`/employers?name=${'x'.repeat(101)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toMatch(/id="f-name-error"/);
    expect(tooLong.html).toContain(`value="${'x'.repeat(101)}"`);
  });

  it('shows a due next step however many contacts were logged after it', async () => {
    const quiet = await createOrganization(t, 'employer', { name: 'Tysta Snickeriet' });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const logged = await t.call('POST', '/v1/employer-contacts', {
      key: provider.key,
      body: {
        employerOrganizationId: quiet.id,
        date: yesterday,
        channel: 'visit',
        outcome: 'Kanske i höst',
        nextStep: 'Ring om hösten',
        nextStepDate: yesterday,
      },
    });
    expect(logged.status).toBe(201);
    // 1,000 contacts with another employer after it (the page used to read the newest 1,000 only).
    const now = new Date().toISOString();
    const rows = Array.from({ length: 1000 }, () => ({
      id: newId('contact'),
      providerOrganizationId: provider.org.id,
      employerOrganizationId: last.id,
      userId: logged.body.loggedBy.userId,
      participantId: null,
      date: '2026-01-13',
      channel: 'email' as const,
      outcome: 'Mejl',
      nextStep: null,
      nextStepDate: null,
      createdAt: now,
      updatedAt: now,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await t.db.insert(employerContacts).values(rows.slice(i, i + 100));
    const page = await browser.get('/employers');
    expect(page.html).toMatch(/id="due"[\s\S]*Tysta Snickeriet[\s\S]*Ring om hösten[\s\S]*id="recent"/);
  });

  it('filters by name through the API as well', async () => {
    const res = await t.call('GET', '/v1/organizations?kind=employer&name=Bageriet', { key: provider.key });
    expect(res.status).toBe(200);
    expect(res.body.data.map((o) => o.id)).toEqual([last.id]);
  });
});
