/**
 * Crash consistency, with the real Node server as a child process on a libSQL file: SIGKILL it in the
 * middle of concurrent writes (slots, participants, proposals, accept and start), start it again on the
 * same file, and check what must hold whatever the moment of death:
 * - every write answered 2xx is there (slots, placements, and each acknowledged state or a later one);
 * - places taken = accepted + started placements, for every slot and every supervisor, and never more
 *   than the capacity (no overbooking);
 * - the outbox drains (rows the dead process had claimed are taken up again after its short lease);
 * - search finds every open slot.
 * Nothing waits for time: the kill follows a count of answered writes, and the checks wait for
 * conditions (the outbox reported drained by /health).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOP_LEASE_MS } from '../../src/outbox/loop';
import { createParticipant, createSlot, createSupervisor, orgWithKey } from '../helpers/factories';
import { FAKE_RESEND_KEY, type FakeResend, startFakeResend } from '../helpers/fake-resend';
import { type NodeServer, startNodeServer } from '../helpers/node-server';
import { agreed } from '../placements/helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'se-registry-crash-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Polls a condition the server brings about on its own (the outbox loop, a restart). */
async function until<T>(what: string, probe: () => Promise<T | undefined | false>, server?: NodeServer) {
  for (let i = 0; ; i++) {
    const value = await probe();
    if (value) return value;
    if (i > 6000) throw new Error(`gave up waiting for ${what}\n${server?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until /health reports nothing due and nothing failed in any outbox topic. */
async function drained(server: NodeServer) {
  await until(
    'the outbox to drain',
    async () => {
      const h = await server.call('GET', '/health', { key: null });
      const topics = Object.values<{ due: number; failed: number }>(h.body?.outbox?.topics ?? {});
      return topics.length > 0 && topics.every((t) => t.due === 0 && t.failed === 0);
    },
    server,
  );
}

describe('a SIGKILL in the middle of concurrent writes', () => {
  it('loses no acknowledged write, never overbooks, and the outbox and search catch up', async () => {
    const file = join(dir, 'writes.db');
    let server = await startNodeServer({ DATABASE_URL: `file:${file}` });
    const employer = await orgWithKey(server, 'employer', 'employer');
    const provider = await orgWithKey(server, 'provider', 'handler');

    const acked = {
      slots: new Map<string, number>(), // id → capacity
      placements: new Map<string, string>(), // id → the furthest state a 2xx confirmed
      writes: 0,
    };
    let dying = false;
    const KILL_AFTER = 80;
    let killed!: Promise<void>;
    const ack = () => {
      acked.writes++;
      // Mid-flight, once every kind of write has been answered at least once.
      if (!dying && acked.writes >= KILL_AFTER && [...acked.placements.values()].includes('started')) {
        dying = true;
        killed = server.kill();
      }
    };
    /** A write; undefined when it was not answered 2xx (refused, or the server died under it). */
    async function write<T>(run: () => Promise<T>): Promise<T | undefined> {
      if (dying) return undefined;
      try {
        const value = await run();
        ack();
        return value;
      } catch {
        return undefined;
      }
    }
    const transition = async (id: string, key: string, action: string, state: string) =>
      write(async () => {
        const res = await server.call('POST', `/v1/placements/${id}/${action}`, { key, body: {} });
        if (res.status !== 200) throw new Error(`${action} ${res.status}`);
        acked.placements.set(id, state);
      });

    /** One round: a supervisor and a slot of 2 places, 3 proposals, all accepted at once, the winners started. */
    async function round() {
      const sup = await write(() => createSupervisor(server, employer.key, { maxParticipants: 3 }));
      if (!sup) return;
      const slot = await write(() => createSlot(server, employer.key, [sup.id], { capacity: 2 }));
      if (!slot) return;
      acked.slots.set(slot.id, 2);
      const proposals = await Promise.all(
        [0, 1, 2].map(async () => {
          const p = await write(() => createParticipant(server, provider.key));
          if (!p) return undefined;
          return write(async () => {
            const res = await server.call('POST', '/v1/placements', {
              key: provider.key,
              body: { participantId: p.id, slotId: slot.id, disclose: ['strengths'] },
            });
            if (res.status !== 201) throw new Error(`propose ${res.status}`);
            acked.placements.set(res.body.id, 'proposed');
            return res.body.id as string;
          });
        }),
      );
      const accepted = await Promise.all(
        proposals.map((id) =>
          id ? transition(id, employer.key, 'accept', 'accepted').then(() => id) : undefined,
        ),
      );
      await Promise.all(
        accepted.map((id) =>
          id && acked.placements.get(id) === 'accepted'
            ? write(() => agreed(server, { provider: provider.key, employer: employer.key }, id)).then(() =>
                transition(id, provider.key, 'start', 'started'),
              )
            : undefined,
        ),
      );
    }
    const writer = async () => {
      while (!dying) await round();
    };
    await Promise.all(Array.from({ length: 6 }, writer));
    await killed;
    expect(acked.slots.size).toBeGreaterThan(0);
    expect([...acked.placements.values()]).toContain('started');

    server = await startNodeServer({ DATABASE_URL: `file:${file}` });
    try {
      await drained(server);
      const db = createClient({ url: `file:${file}` });
      try {
        const rows = async (sql: string) => (await db.execute(sql)).rows;

        // Every acknowledged write is there.
        const slots = new Map(
          (await rows('SELECT id, capacity, taken, status FROM slots')).map((r) => [r.id, r]),
        );
        for (const [id, capacity] of acked.slots) expect(slots.get(id)?.capacity, id).toBe(capacity);
        const states = new Map((await rows('SELECT id, state FROM placements')).map((r) => [r.id, r.state]));
        const later: Record<string, string[]> = {
          proposed: ['proposed', 'accepted', 'started', 'declined'],
          accepted: ['accepted', 'started'],
          started: ['started'],
        };
        for (const [id, state] of acked.placements) expect(later[state], id).toContain(states.get(id));

        // Places taken = accepted + started placements, per slot and per supervisor; never overbooked.
        const slotCounts = await rows(`
          SELECT s.id, s.taken, s.capacity,
            (SELECT count(*) FROM placements p WHERE p.slot_id = s.id AND p.state IN ('accepted', 'started')) AS active
          FROM slots s`);
        for (const s of slotCounts) {
          expect(s.taken, `slot ${s.id}`).toBe(s.active);
          expect(Number(s.taken)).toBeLessThanOrEqual(Number(s.capacity));
        }
        const supervisorCounts = await rows(`
          SELECT s.id, s.active_placements AS taken, s.max_participants AS room,
            (SELECT count(*) FROM placements p WHERE p.supervisor_id = s.id AND p.state IN ('accepted', 'started')) AS active
          FROM supervisors s`);
        for (const s of supervisorCounts) {
          expect(s.taken, `supervisor ${s.id}`).toBe(s.active);
          expect(Number(s.taken)).toBeLessThanOrEqual(Number(s.room));
        }

        // The outbox has nothing due left (health said so; the table agrees).
        const [due] = await rows(
          `SELECT count(*) AS n FROM outbox WHERE status <> 'done' AND due_at <= '${new Date().toISOString()}'`,
        );
        expect(due!.n).toBe(0);

        // Search finds every open slot, full ones included.
        const open = (await rows(`SELECT id FROM slots WHERE status = 'open'`)).map((r) => String(r.id));
        const found = new Set<string>();
        let cursor: string | undefined;
        do {
          const page = await server.call(
            'GET',
            `/v1/slots/search?status=open&includeFull=true&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
            { key: employer.key },
          );
          expect(page.status).toBe(200);
          for (const hit of page.body.data) found.add(hit.id);
          cursor = page.body.nextCursor ?? undefined;
        } while (cursor);
        expect(open.length).toBeGreaterThan(0);
        expect(open.filter((id) => !found.has(id))).toEqual([]);
      } finally {
        db.close();
      }
    } finally {
      await server.stop();
    }
  }, 180_000);
});

describe('rows a killed process had claimed', () => {
  let fake: FakeResend;
  beforeAll(async () => {
    fake = await startFakeResend();
  });
  afterAll(() => fake.close());

  it('are taken up again by the restarted server within its short lease, and the mail goes once', async () => {
    const file = join(dir, 'claims.db');
    const env = {
      DATABASE_URL: `file:${file}`,
      RESEND_API_KEY: FAKE_RESEND_KEY,
      RESEND_BASE_URL: fake.url,
      MAIL_TIMEOUT_MS: '120000', // the hung request outlives the lease: only the heartbeat keeps it
    };
    let server = await startNodeServer(env);
    const org = await orgWithKey(server, 'provider', 'admin');
    const email = `nils.${org.org.id.slice(-6).toLowerCase()}@example.se`;
    await drained(server); // the admin's own key mail has gone, so the hang below is this mail's
    fake.hangNext('before_accept');
    const issued = await server.call('POST', `/v1/organizations/${org.org.id}/api-keys`, {
      key: org.key,
      body: { name: 'Nils Ek', email, role: 'handler' },
    });
    expect(issued.status).toBe(201);

    // The server's loop claims the mail row and sends it; the provider never answers.
    const sent = () => fake.requests.filter((r) => r.body.to.includes(email));
    await until('the mail request', async () => sent().length === 1, server);
    const db = createClient({ url: `file:${file}` });
    try {
      const [claimed] = (
        await db.execute({
          sql: 'SELECT o.id FROM outbox o JOIN notifications n ON n.outbox_key = o.dedupe_key WHERE n.recipient_email = ?',
          args: [email],
        })
      ).rows;
      const mailRow = async () =>
        (
          await db.execute({
            sql: 'SELECT status, locked_until, attempts FROM outbox WHERE id = ?',
            args: [String(claimed!.id)],
          })
        ).rows[0]!;
      const first = String((await mailRow()).locked_until);
      // The heartbeat renews the lease while the request hangs.
      await until('a lease renewal', async () => String((await mailRow()).locked_until) !== first, server);

      await server.kill();
      const held = await mailRow();
      expect(held.status).toBe('pending');
      // The dead process's claim ends within the loop's short lease, not a minute.
      expect(Date.parse(String(held.locked_until))).toBeLessThanOrEqual(Date.now() + LOOP_LEASE_MS);

      server = await startNodeServer(env);
      await until('the mail to be sent again', async () => fake.deliveriesTo(email).length === 1, server);
      await drained(server);
      expect(sent()).toHaveLength(2);
      expect(sent()[1]!.idempotencyKey).toBe(sent()[0]!.idempotencyKey);
      expect(await mailRow()).toMatchObject({ status: 'done', attempts: 2 });
    } finally {
      db.close();
      await server.kill();
    }
  }, 120_000);
});
