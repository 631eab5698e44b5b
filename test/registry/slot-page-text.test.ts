/**
 * The slot list's JSON (services/slots/page-text.ts: rows read as one text each, each slot's JSON kept
 * with that text) is the text of the service's `list` answer, byte for byte: for rows with nulls,
 * empty texts, odd characters and reals, for every filter shape and page, and after each kind of
 * change to a listed slot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOfKey, createTestApp, type TestApp } from '../helpers/app';
import { createSlot, createSupervisor, orgWithKey } from '../helpers/factories';

let t: TestApp;
let employer: Awaited<ReturnType<typeof orgWithKey>>;
let handler: Awaited<ReturnType<typeof orgWithKey>>;
let supervisors: string[];
let ids: string[];

const actorOf = (key: string) => actorOfKey(t, key);

/** The route's body and the text of `list`'s answer for the same query. */
async function both(key: string, query: Record<string, string | number>) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await t.app.request(`/v1/slots?${search}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  const { limit = 25, ...filters } = query;
  const listed = await t.app.services.slots.list(await actorOf(key), { ...filters, limit: Number(limit) });
  return { body: await res.text(), expected: JSON.stringify(listed) };
}

async function expectSame(key: string, query: Record<string, string | number>) {
  const { body, expected } = await both(key, query);
  expect(body).toBe(expected);
  return JSON.parse(body) as { data: { id: string; title: string }[]; nextCursor: string | null };
}

beforeAll(async () => {
  t = await createTestApp();
  employer = await orgWithKey(t, 'employer', 'employer');
  handler = await orgWithKey(t, 'provider', 'handler');
  supervisors = [(await createSupervisor(t, employer.key)).id, (await createSupervisor(t, employer.key)).id];
  ids = [];
  for (let i = 0; i < 9; i++)
    ids.push((await createSlot(t, employer.key, i % 2 ? supervisors : [supervisors[0]!])).id);
  const set = (id: string, assignments: string, ...args: (string | number | null)[]) =>
    t.client.execute({ sql: `UPDATE slots SET ${assignments} WHERE id = ?`, args: [...args, id] });
  await set(ids[0]!, 'site_id = NULL, address = NULL, ssyk = NULL');
  await set(ids[1]!, "description = '', address = '', ssyk = ''");
  await set(ids[2]!, 'description = ?', 'Emoji 😀 "citat" \\ ny\nrad\tflik \u2028 styr\u0001 ’ – ü');
  await set(ids[3]!, 'lat = ?, lon = ?, hours_min = 4.5, hours_max = 7.25', 0.30000000000000004, -0);
  await set(ids[4]!, "tasks = '[]', suits = '[]', subsidies = '[]', description = '-'");
  await set(ids[5]!, "status = 'paused', description = '.'");
  // A value with the separator the packed row uses: that page is made the ordinary way.
  await set(ids[6]!, 'title = ?', 'Delad\u001ftitel');
  await set(ids[7]!, 'lat = ?, lon = ?', 1e-300, 1234567890123456.8);
});
afterAll(() => t.close());

describe('the slot list as JSON text', () => {
  it('is list’s answer stringified, for every shape of filters', async () => {
    for (const key of [employer.key, handler.key]) {
      await expectSame(key, {});
      await expectSame(key, { limit: 1 });
      await expectSame(key, { limit: 100 });
      await expectSame(key, { status: 'open' });
      await expectSame(key, { status: 'paused', kind: 'work_trial' });
      await expectSame(key, { kind: 'work_training' });
      await expectSame(key, { municipalityCode: '0180', limit: 2 });
      await expectSame(key, { organizationId: employer.org.id, status: 'open', limit: 3 });
    }
  });

  it('pages alike, cursor by cursor', async () => {
    let cursor: string | null = null;
    const seen: string[] = [];
    do {
      const page = await expectSame(handler.key, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('shows each change to a listed slot at once', async () => {
    // Without the separator in any row, so that the whole page is made from the packed rows.
    await t.client.execute({ sql: "UPDATE slots SET title = 'Hel titel' WHERE id = ?", args: [ids[6]!] });
    await expectSame(employer.key, { limit: 100 });
    const patched = await t.call('PATCH', `/v1/slots/${ids[8]}`, {
      key: employer.key,
      body: { title: 'Ny titel', supervisorIds: [supervisors[1]!] },
    });
    expect(patched.status).toBe(200);
    const page = await expectSame(employer.key, { limit: 100 });
    expect(page.data.find((s) => s.id === ids[8])?.title).toBe('Ny titel');
    // Columns no write route sets alone: the kept JSON must not outlive them either.
    await t.client.execute({ sql: 'UPDATE slots SET taken = 1 WHERE id = ?', args: [ids[8]!] });
    await expectSame(employer.key, { limit: 100 });
    await t.client.execute({ sql: 'DELETE FROM slot_supervisors WHERE slot_id = ?', args: [ids[8]!] });
    await expectSame(employer.key, { limit: 100 });
  });
});
