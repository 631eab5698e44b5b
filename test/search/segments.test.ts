/**
 * Issue #17: every slot update leaves a new small FTS5 segment in the full-text tables. Index writes
 * end with a bounded merge (src/search/embedded/index.ts, migration 0028), so segments do not pile
 * up under updates (searches read every segment), and nothing is lost from the index on the way.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createSlot, createSupervisor, orgWithKey } from '../helpers/factories';

let t: TestApp;
let employer: Awaited<ReturnType<typeof orgWithKey>>;
let handlerKey: string;
let slotIds: string[];

const ids = async (q: string) => {
  const res = await t.call('GET', `/v1/slots/search?q=${encodeURIComponent(q)}`, { key: handlerKey });
  expect(res.status).toBe(200);
  return (res.body.data as { id: string }[]).map((h) => h.id).sort();
};
const segments = async (table: 'search_words' | 'search_terms_trigram') =>
  (await t.db.all<{ n: number }>(sql.raw(`SELECT count(DISTINCT segid) AS n FROM ${table}_idx`)))[0]?.n;

beforeAll(async () => {
  t = await createTestApp();
  employer = await orgWithKey(t, 'employer', 'employer');
  const supervisorId = (await createSupervisor(t, employer.key)).id;
  handlerKey = (await orgWithKey(t, 'provider', 'handler')).key;
  slotIds = [];
  for (const title of ['Bagare', 'Lagerarbetare', 'Trädgårdsarbetare'])
    slotIds.push((await createSlot(t, employer.key, [supervisorId], { title })).id);
  await t.app.drainOutbox();
});
afterAll(() => t.close());

describe('full-text segments under slot updates', () => {
  it('stay few, and every update is found while the words it replaced are not', async () => {
    for (let i = 0; i < 60; i++) {
      const id = slotIds[i % slotIds.length]!;
      const res = await t.call('PATCH', `/v1/slots/${id}`, {
        key: employer.key,
        // A new word each time: the trigram table of known words grows too.
        body: { description: `Handledare finns på plats. Uppdatering ord${i}x.` },
      });
      expect(res.status, res.text).toBe(200);
      await t.app.drainOutbox();
    }
    // FTS5's automerge alone left 15 segments on a level (crisismerge 16) after as many updates.
    expect(await segments('search_words')).toBeLessThanOrEqual(4);
    expect(await segments('search_terms_trigram')).toBeLessThanOrEqual(4);
    // The index agrees with its content (FTS5 checks every term of every row).
    await t.db.run(sql`INSERT INTO search_words (search_words, rank) VALUES ('integrity-check', 0)`);
    await t.db.run(sql`INSERT INTO search_terms_trigram (search_terms_trigram) VALUES ('integrity-check')`);
    expect(await ids('ord59x')).toEqual([slotIds[59 % 3]!]);
    expect(await ids('ord57x')).toEqual([slotIds[57 % 3]!]);
    expect(await ids('ord10x')).toEqual([]);
    expect(await ids('bagare')).toEqual([slotIds[0]!]);
    expect(await ids('handledare')).toEqual([...slotIds].sort());
  });
});
