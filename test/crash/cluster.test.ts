/**
 * NODE_PROCESSES=2: the real Node server as two worker processes over one database file (as
 * `npm run load` measures it). Both serve; what one process writes, the other reads at once (a slot's
 * new title, a paused slot gone from matches that the other process keeps in memory, an employer's
 * new name in them); a key revoked through one is refused by both although both had it cached;
 * concurrent writes through both all succeed (they wait for the write lock, they do not fail on it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeServer, startNodeServer } from '../helpers/node-server';

const HANDLER = 'sek_demo_handler_anna';
const EMPLOYERS = [
  'sek_demo_employer_maria',
  'sek_demo_employer_ali',
  'sek_demo_employer_sara',
  'sek_demo_employer_karin',
  'sek_demo_employer_lena',
  'sek_demo_enterprise_nadia',
];

let server: NodeServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'se-cluster-test-'));
  server = await startNodeServer({
    DATABASE_URL: `file:${join(dir, 'registry.db')}`,
    NODE_PROCESSES: '2',
    SEED_DEMO: 'true',
    EVENT_LOOP_REPORT: 'true',
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The same request `n` times at once: fetch opens several connections, which the two processes share. */
const many = <T>(n: number, f: () => Promise<T>) => Promise.all(Array.from({ length: n }, f));

describe('two server processes over one database file', () => {
  it('both serve', async () => {
    const statuses = await many(
      40,
      async () => (await server.call('GET', '/v1/slots?limit=5', { key: HANDLER })).status,
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
    server.signal('SIGUSR2');
    await expect
      .poll(() => new Set([...server.output().matchAll(/"eventLoop":\{"pid":(\d+)/g)].map((m) => m[1])).size)
      .toBe(2);
  });

  it('reads what the other process wrote, in the slot and in its in-memory matching index', async () => {
    const participants = (await server.call('GET', '/v1/participants?limit=20', { key: HANDLER })).body.data;
    let target: { participant: string; slot: string; key: string } | undefined;
    for (const p of participants) {
      const matches = await server.call('GET', `/v1/participants/${p.id}/matches?limit=5`, { key: HANDLER });
      for (const m of matches.body.data)
        for (const key of EMPLOYERS)
          if ((await server.call('GET', `/v1/slots/${m.slotId}`, { key })).status === 200) {
            target = { participant: p.id, slot: m.slotId, key };
            break;
          }
      if (target) break;
    }
    expect(target).toBeDefined();
    const { participant, slot, key } = target!;

    // Both processes have the slot in their matches (and their index loaded) before it changes.
    for (const r of await many(10, () =>
      server.call('GET', `/v1/participants/${participant}/matches`, { key: HANDLER }),
    ))
      expect(r.body.data.map((m: { slotId: string }) => m.slotId)).toContain(slot);

    const title = `Klustertest ${Date.now()}`;
    expect((await server.call('PATCH', `/v1/slots/${slot}`, { key, body: { title } })).status).toBe(200);
    for (const r of await many(20, () => server.call('GET', `/v1/slots/${slot}`, { key: HANDLER })))
      expect(r.body.title).toBe(title);

    expect((await server.call('POST', `/v1/slots/${slot}/pause`, { key })).status).toBe(200);
    for (const r of await many(20, () =>
      server.call('GET', `/v1/participants/${participant}/matches`, { key: HANDLER }),
    ))
      expect(r.body.data.map((m: { slotId: string }) => m.slotId)).not.toContain(slot);
    expect((await server.call('POST', `/v1/slots/${slot}/reopen`, { key })).status).toBe(200);

    // Each process keeps the employers' names with its index: a rename through one shows in both.
    const orgId = (await server.call('GET', `/v1/slots/${slot}`, { key })).body.organizationId;
    const name = `Klusterbolaget ${Date.now()} AB`;
    const renamed = await server.call('PATCH', `/v1/organizations/${orgId}`, { body: { name } });
    expect(renamed.status, renamed.text).toBe(200);
    for (const r of await many(20, () =>
      server.call('GET', `/v1/participants/${participant}/matches`, { key: HANDLER }),
    ))
      expect(r.body.data.find((m: { slotId: string }) => m.slotId === slot)?.slot?.organizationName).toBe(
        name,
      );
  });

  it('refuses a revoked key in both processes although both had it cached', async () => {
    const me = (await server.call('GET', '/v1/me', { key: HANDLER })).body;
    const orgId = me.organization?.id ?? '';
    const issued = await server.call('POST', `/v1/organizations/${orgId}/api-keys`, {
      body: { name: 'Kim Kluster', email: 'kim.kluster@example.se', role: 'handler' },
    });
    expect(issued.status).toBe(201);
    const statuses = async () =>
      new Set(
        await many(30, async () => (await server.call('GET', '/v1/me', { key: issued.body.key })).status),
      );
    expect(await statuses()).toEqual(new Set([200]));
    const revoked = await server.call('DELETE', `/v1/organizations/${orgId}/api-keys/${issued.body.id}`);
    expect(revoked.status).toBe(200);
    const after = await server.call('GET', '/v1/me', { key: issued.body.key });
    expect(after.status, after.text).toBe(401);
    // Every later attempt is refused too (past the failure limit as 429, which counts across processes).
    for (const status of await statuses()) expect([401, 429]).toContain(status);
  });

  it('takes concurrent writes through both processes without failing any', async () => {
    const slots = (await server.call('GET', '/v1/slots?status=open&limit=10', { key: EMPLOYERS[0] })).body
      .data;
    expect(slots.length).toBeGreaterThan(0);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_x, i) =>
        server.call('PATCH', `/v1/slots/${slots[i % slots.length]?.id}`, {
          key: EMPLOYERS[0],
          body: { description: `Handledare finns på plats. Version ${i}.` },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
  });
});
