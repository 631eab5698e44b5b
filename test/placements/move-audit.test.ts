/**
 * An employer's move whose answer discloses participant fields writes its `read` audit entry in the
 * move's own batch, from what it read before the batch (present.ts disclosureAhead). These tests
 * change the consent or the participant between that read and the batch: the entry must then not be
 * written from the stale read, and the answer must show (and the log record) what holds after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/adapters/db/types';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/lib/logger';
import { ADMIN_KEY, createTestApp, type TestApp } from '../helpers/app';
import { typedCall } from '../helpers/call';
import { placementWorld, proposed } from './helpers';

let t: TestApp;
/** Runs once just before the next batch of the app below (then forgotten). */
let beforeNextBatch: (() => Promise<unknown>) | undefined;
let viaHook: ReturnType<typeof typedCall>;

beforeAll(async () => {
  t = await createTestApp();
  // A second app over the same database whose batches first run the hook: a change that lands
  // after the move read what it will disclose and before its batch takes the write lock.
  const db = new Proxy(t.db, {
    get(target, prop, receiver) {
      if (prop !== 'batch') return Reflect.get(target, prop, receiver);
      return async (items: Parameters<Db['batch']>[0]) => {
        const hook = beforeNextBatch;
        beforeNextBatch = undefined;
        await hook?.();
        return target.batch(items);
      };
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: 'silent' });
  const app = createApp({ config, db, logger: silentLogger });
  viaHook = typedCall((path, init) => Promise.resolve(app.request(path, init)), ADMIN_KEY);
});
afterAll(() => t.close());

const reads = async (key: string, participantId: string) =>
  (await t.call('GET', `/v1/audit?participantId=${participantId}&limit=100`, { key })).body.data.filter(
    (e) => e.action === 'read',
  );

type World = Awaited<ReturnType<typeof placementWorld>>;
/** The employer declines the placement through the app whose next batch first runs `change`. */
function decline(w: World, placementId: string, change?: () => Promise<unknown>) {
  beforeNextBatch = change;
  return viaHook('POST', `/v1/placements/${placementId}/decline`, {
    key: w.employer.key,
    body: { reason: 'timing' },
  });
}

describe("an employer's move audits what its answer discloses", () => {
  it('writes one read entry with the disclosed fields', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id, disclose: ['strengths'] });
    const res = await decline(w, p.id);
    expect(res.status).toBe(200);
    expect(res.body.disclosed).toEqual({ strengths: ['noggrann', 'tycker om ordning'] });
    const entries = await reads(w.provider.key, w.participant.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ fields: ['strengths'], placementId: p.id });
  });

  it('shows and logs nothing when the consent is revoked after its read and before the batch', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id, disclose: ['strengths'] });
    const res = await decline(w, p.id, () =>
      t.call('PUT', `/v1/placements/${p.id}/consent`, { key: w.provider.key, body: { disclose: [] } }),
    );
    expect(beforeNextBatch).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('declined');
    expect(res.body.disclosed).toEqual({});
    expect(await reads(w.provider.key, w.participant.id)).toEqual([]);
  });

  it('shows the participant as changed after its read, and logs that read once', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id, disclose: ['strengths'] });
    const res = await decline(w, p.id, () =>
      t.call('PATCH', `/v1/participants/${w.participant.id}`, {
        key: w.provider.key,
        body: { strengths: ['snabb på att lära sig'] },
      }),
    );
    expect(beforeNextBatch).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.disclosed).toEqual({ strengths: ['snabb på att lära sig'] });
    const entries = await reads(w.provider.key, w.participant.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ fields: ['strengths'], placementId: p.id });
  });

  it('logs the fields of a newer consent given after its read', async () => {
    const w = await placementWorld(t);
    const p = await proposed(t, w, { participantId: w.participant.id, disclose: ['strengths'] });
    const res = await decline(w, p.id, () =>
      t.call('PUT', `/v1/placements/${p.id}/consent`, {
        key: w.provider.key,
        body: { disclose: ['interests'] },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.disclosed).toEqual({ interests: ['lager'] });
    const entries = await reads(w.provider.key, w.participant.id);
    expect(entries.map((e) => e.fields)).toEqual([['interests']]);
  });
});
