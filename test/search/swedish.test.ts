/**
 * Swedish text in the embedded FTS5 search, through the HTTP route: å, ä and ö, compounds, prefixes
 * as the user types, typos within Meilisearch's budgets, title ranking, and user text that never
 * reaches MATCH as syntax. (Meilisearch tokenizes differently and does not split Swedish compounds,
 * so these are embedded-only.)
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EXPANSION, matchExpression, planText } from '../../src/search/embedded/plan';
import { createTestApp, type TestApp } from '../helpers/app';
import { createSlot, createSupervisor, orgWithKey } from '../helpers/factories';

let t: TestApp;
let key: string;
const titles: Record<string, string> = {};

const find = async (q: string) => {
  const res = await t.call('GET', `/v1/slots/search?q=${encodeURIComponent(q)}`, { key });
  if (res.status !== 200) throw new Error(`${res.status}: ${res.text}`);
  return (res.body.data as { id: string; title: string }[]).map((h) => h.title).sort();
};

beforeAll(async () => {
  t = await createTestApp();
  const employer = await orgWithKey(t, 'employer', 'employer');
  const sup = await createSupervisor(t, employer.key);
  key = (await orgWithKey(t, 'provider', 'handler')).key;
  const make = async (title: string, description = 'Handledare finns på plats.') => {
    const s = await createSlot(t, employer.key, [sup.id], {
      title,
      description,
      tasks: [],
      occupation: { label: 'Övrigt' },
    });
    titles[title] = s.id;
  };
  await make('Bageribiträde i surdegsbageri');
  await make('Kafébiträde', 'Du hjälper till i bageriet på morgonen.');
  await make('Medhjälpare på bilverkstad');
  await make('Verkstadsarbetare');
  await make('Fastighetsskötare', 'Vi förvaltar bostäder i centrum.');
  await make('Hotellstädare');
  await make('Jobb varje år', 'Säsong.');
  await make('AR-tekniker', 'Glasögon för AR.');
  await make('Brödbagare');
  await make('Trädgårdsarbetare i handelsträdgård');
  await make('Lagerarbetare');
  await make('Snickare');
  await make('Kock');
  await t.app.drainOutbox({ batchSize: 200 });
});
afterAll(() => t.close());

describe('Swedish words', () => {
  it('keeps å, ä and ö apart from a and o ("år" is not "ar")', async () => {
    expect(await find('år')).toEqual(['Jobb varje år']);
    expect(await find('ar')).toEqual(['AR-tekniker']);
  });

  it('ignores case, also for å, ä and ö', async () => {
    expect(await find('BRÖDBAGARE')).toEqual(['Brödbagare']);
    expect(await find('ÅR')).toEqual(['Jobb varje år']);
  });

  it('finds either part of a compound ("verkstad" → "bilverkstad", "Verkstadsarbetare")', async () => {
    expect(await find('verkstad')).toEqual(['Medhjälpare på bilverkstad', 'Verkstadsarbetare']);
  });

  it('finds "bageri" in "Bageribiträde", "surdegsbageri" and "bageriet"', async () => {
    expect(await find('bageri')).toEqual(['Bageribiträde i surdegsbageri', 'Kafébiträde']);
  });

  it('takes a compound part only after a real first part ("städ" is not in "bostäder")', async () => {
    expect(await find('städ')).toEqual(['Hotellstädare']);
  });

  it('matches the last word as a prefix while it is typed', async () => {
    expect(await find('trädgårdsar')).toEqual(['Trädgårdsarbetare i handelsträdgård']);
    expect(await find('trä')).toEqual(['Trädgårdsarbetare i handelsträdgård']);
    expect(await find('ko')).toEqual(['Kock']);
    // A lone letter is no search word (it would match nearly everything): every slot is listed.
    expect((await find('k')).length).toBe(Object.keys(titles).length);
  });
});

describe('typos', () => {
  it('corrects one typo from five letters', async () => {
    expect(await find('snikare')).toEqual(['Snickare']); // 7 letters, one missing
    expect(await find('snäckere')).toEqual([]); // 8 letters, two edits: too many
  });

  it('corrects two typos from nine letters', async () => {
    expect(await find('lagerarbtare')).toEqual(['Lagerarbetare']);
    expect(await find('lagrarbtare')).toEqual(['Lagerarbetare']);
  });

  it('corrects nothing in words under five letters', async () => {
    expect(await find('kokk')).toEqual([]);
    expect(await find('kock')).toEqual(['Kock']);
  });

  it('does not let a first-letter typo pass in a short word', async () => {
    expect(await find('vnickare')).toEqual([]);
  });
});

describe('ranking', () => {
  it('ranks a word in the title above the same word in the description', async () => {
    const res = await t.call('GET', '/v1/slots/search?q=bageri', { key });
    expect(res.body.data.map((h: { title: string }) => h.title)).toEqual([
      'Bageribiträde i surdegsbageri',
      'Kafébiträde',
    ]);
    expect(res.body.data[1]!.highlight.snippet).toBe(
      'Du hjälper till i <mark>bageri</mark>et på morgonen. Övrigt',
    );
  });
});

describe('user text and the MATCH syntax', () => {
  it('builds MATCH only from quoted terms, whatever is typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (text) => {
        const plan = await planText(t.db, text);
        if (plan.match === null) return;
        // Every term is quoted; only AND/OR, parentheses and the prefix star are syntax.
        const stripped = plan.match.replace(/"(?:[^"]|"")*"\*?/g, 'T');
        // …and the filter on the derived-keys column.
        expect(stripped.replaceAll('keys : ', '').replaceAll('{title body} : ', '')).toMatch(
          /^[T() ANDOR]*$/,
        );
        await t.db.all(sql`SELECT count(*) FROM search_words WHERE search_words MATCH ${plan.match}`);
      }),
      { numRuns: 150 },
    );
  });

  it('writes a long prefix out as the few terms it begins, once over every column', async () => {
    // "verkstad" is typed without å/ä/ö, so it is wanted as written and among the keys alike.
    const plan = await planText(t.db, 'verkstad');
    expect(plan.match).toContain('"verkstadsarbetare"');
    expect(plan.match).not.toContain('"verkstad"*');
    expect(plan.match).not.toContain('{title body}');
    // A word with å/ä/ö keeps its written prefix to the written columns.
    expect((await planText(t.db, 'trädgårdsar')).match).toContain('{title body} : ("trädgårdsarbetare")');
    // Prefixes of two or three letters are in FTS5's prefix index: left as they are.
    expect((await planText(t.db, 'bag')).match).toContain('"bag"*');
  });

  it('keeps a prefix that begins too many terms, or none, as a prefix', () => {
    const word = { word: 'lager', prefixes: ['lager'], terms: [], keys: ['lag'], keyPrefixes: [] };
    const many = Array.from({ length: MAX_EXPANSION + 1 }, (_x, i) => `lager${i}`);
    expect(matchExpression([word], new Map([['lager', many.slice(0, 2)]]))).toBe(
      '({title body} : ("lager0" OR "lager1") OR keys : ("lag"))',
    );
    // planText leaves out of the map what it may not write out; an empty list is a prefix too.
    expect(matchExpression([word], new Map())).toBe('({title body} : ("lager"*) OR keys : ("lag"))');
    expect(matchExpression([word], new Map([['lager', []]]))).toBe(
      '({title body} : ("lager"*) OR keys : ("lag"))',
    );
  });

  it('answers 200 to query-language input', async () => {
    for (const q of [
      'NEAR(bageri kock)',
      'bageri NOT kock',
      'title:kock',
      '^kock',
      'kock*',
      '"kock',
      'kock"',
      '(',
      '-',
      '{title}',
    ]) {
      const res = await t.call('GET', `/v1/slots/search?q=${encodeURIComponent(q)}`, { key });
      expect(res.status, q).toBe(200);
    }
  });
});
