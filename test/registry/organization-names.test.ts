/**
 * Organizations by name, the Swedish way, on GET /v1/organizations and the service behind the
 * employer list: sorted case-insensitively with å, ä, ö after z, a name filter that folds å ä ö é ü
 * (SQLite's lower() folds only A–Z), and keyset pages both ways. The migration's backfill gives the
 * rows written before it the same folded names and keys as the code.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/adapters/db/libsql';
import type { Actor } from '../../src/auth/actor';
import { foldName, sortKey } from '../../src/lib/swedish-order';
import { createTestApp, type TestApp } from '../helpers/app';
import { createOrganization, orgWithKey } from '../helpers/factories';

let t: TestApp;
let key: string;
/** The platform sees every organization, as a provider's people do. */
const actor: Actor = {
  kind: 'platform',
  role: 'admin',
  userId: null,
  organizationId: null,
  organizationKind: null,
};

// Registration order on purpose unlike the Swedish order.
const NAMES = [
  'Östra Bygg',
  'Åhléns',
  'zoo Malmö',
  'Ängby Café',
  'ÉLAN Design',
  'Aros Måleri',
  'Über Städ',
  'ekebo',
];
const SWEDISH = [
  'Aros Måleri',
  'ekebo',
  'ÉLAN Design',
  'Über Städ',
  'zoo Malmö',
  'Åhléns',
  'Ängby Café',
  'Östra Bygg',
];

beforeAll(async () => {
  t = await createTestApp();
  const provider = await orgWithKey(t, 'provider', 'handler');
  key = provider.key;
  for (const name of NAMES) await createOrganization(t, 'employer', { name });
  await createOrganization(t, 'social_enterprise', { name: 'Ängens Återbruk' });
});
afterAll(() => t.close());

type Page = { data: { id: string; name: string }[]; nextCursor: string | null };
const get = async (query: string, kind = 'employer'): Promise<Page> => {
  const res = await t.call('GET', `/v1/organizations?kind=${kind}&${query}`, { key });
  expect(res.status).toBe(200);
  return res.body as Page;
};
const names = (p: Page) => p.data.map((o) => o.name);

describe('GET /v1/organizations', () => {
  it('lists by name in Swedish order: case-insensitive, é as e, ü as y, å ä ö after z', async () => {
    expect(names(await get('limit=100'))).toEqual(SWEDISH);
  });

  it('pages by name with the cursor, each organization once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await get(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(3);
      expect(page).not.toHaveProperty('prevCursor');
      seen.push(...names(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(SWEDISH);
  });

  it('filters by name without case for Swedish letters too', async () => {
    expect(names(await get('name=åhléns'))).toEqual(['Åhléns']);
    expect(names(await get('name=ÖSTRA'))).toEqual(['Östra Bygg']);
    expect(names(await get(`name=${encodeURIComponent('élan')}`))).toEqual(['ÉLAN Design']);
    expect(names(await get('name=CAFÉ'))).toEqual(['Ängby Café']);
    expect(names(await get('name=STÄD'))).toEqual(['Über Städ']);
    // Malmö and Måleri: ö and å are letters of their own, not o and a.
    expect(names(await get('name=M%C3%85L'))).toEqual(['Aros Måleri']);
    expect(names(await get('name=malmo'))).toEqual([]);
    // A decomposed Å (A and a combining ring) is the letter Å.
    expect(names(await get(`name=${encodeURIComponent('A\u030Ahl')}`))).toEqual(['Åhléns']);
  });

  it('renaming refolds the name', async () => {
    // A social enterprise, so the employers above stay as they are.
    const org = await createOrganization(t, 'social_enterprise', { name: 'Björken' });
    const renamed = await t.call('PATCH', `/v1/organizations/${org.id}`, { body: { name: 'ÅKERIET BJÖRK' } });
    expect(renamed.status).toBe(200);
    expect(names(await get('name=%C3%A5keriet', 'social_enterprise'))).toEqual(['ÅKERIET BJÖRK']);
    expect(names(await get('name=bj%C3%B6rken', 'social_enterprise'))).toEqual([]);
    expect(names(await get('limit=100', 'social_enterprise'))).toEqual(['ÅKERIET BJÖRK', 'Ängens Återbruk']);
  });
});

describe('the organization service, going back a page', () => {
  it('gives the page before a cursor, and no page before the first', async () => {
    const list = t.app.services.organizations.list;
    const first = await list(actor, { kind: 'employer', limit: 3 });
    expect(first.prevCursor).toBeNull();
    const second = await list(actor, { kind: 'employer', limit: 3, cursor: first.nextCursor! });
    expect(second.data.map((o) => o.name)).toEqual(SWEDISH.slice(3, 6));
    const back = await list(actor, { kind: 'employer', limit: 3, before: second.prevCursor! });
    expect(back.data.map((o) => o.name)).toEqual(SWEDISH.slice(0, 3));
    expect(back.prevCursor).toBeNull();
    expect(back.nextCursor).toBe(first.nextCursor);
    // From the last page back: a full page, and another before it.
    const third = await list(actor, { kind: 'employer', limit: 3, cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    const backFromThird = await list(actor, { kind: 'employer', limit: 3, before: third.prevCursor! });
    expect(backFromThird.data.map((o) => o.name)).toEqual(SWEDISH.slice(3, 6));
    expect(backFromThird.prevCursor).not.toBeNull();
  });
});

describe('migration 0023', () => {
  it('backfills the rows written before it as the code folds and sorts names', async () => {
    const sql = readFileSync(`${migrationsFolder}/0023_organization_name_order.sql`, 'utf8');
    const updates = sql
      .split('--> statement-breakpoint')
      .map((s) => s.replace(/^--.*$/gm, '').trim())
      .filter((s) => s.startsWith('UPDATE'));
    expect(updates.length).toBeGreaterThan(4);
    const old = [
      'ÅHLÉNS ÖSTRA',
      'Ängby Ørsted Æble',
      'Über Ñandú Çava',
      'Łódź ŠKODA',
      'plain ascii',
      "O'Hara",
    ];
    const now = new Date().toISOString();
    for (const [i, name] of old.entries())
      await t.client.execute({
        sql: `insert into organizations (id, name, kind, organization_number, contact_email, municipality_code, created_at, updated_at)
              values (?, ?, 'employer', ?, 'x@example.se', '0180', ?, ?)`,
        args: [`org_01JD3S2Q7ZK4V0X9YB6N5M8T${i}0`, name, `99${String(i).padStart(8, '0')}`, now, now],
      });
    for (const statement of updates) await t.client.execute(statement);
    const rows = await t.client.execute('select name, name_folded, name_sort from organizations');
    expect(rows.rows.length).toBeGreaterThan(old.length);
    for (const r of rows.rows) {
      expect(String(r.name_folded)).toBe(foldName(String(r.name)));
      expect(String(r.name_sort)).toBe(sortKey(String(r.name)));
    }
  });
});
