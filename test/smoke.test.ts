import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app';
import { createParticipant, createWorld } from './helpers/factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('smoke', () => {
  it('answers health', async () => {
    const res = await t.call('GET', '/health', { key: null });
    expect(res.status).toBe(200);
    expect(res.body.database).toBe('ok');
  });

  it('creates a world and a participant', async () => {
    const w = await createWorld(t);
    expect(w.slot.freePlaces).toBe(2);
    const p = await createParticipant(t, w.provider.key);
    expect(p.id).toMatch(/^prt_/);
  });
});
