/**
 * The slot's arrangeable-only adaptation bits (`adaptation_arrange_mask`, read by the score bound):
 * written by every slot write that sets adaptations, and filled in for existing rows by migration
 * 0026 from the adaptations JSON exactly as the services write it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slots } from '../../db/schema';
import { adaptationCodes, adaptationMask, canArrangeMask } from '../../src/domain/vocabulary';
import { createTestApp, type TestApp } from '../helpers/app';
import { createSlot, createSupervisor, orgWithKey } from '../helpers/factories';

const migrations = join(import.meta.dirname, '../../db/migrations');
const TAG = '0026_slot_bound_arrangeable';
const statements = readFileSync(join(migrations, `${TAG}.sql`), 'utf8').split('--> statement-breakpoint');
const backfill = statements.find((s) => s.trimStart().startsWith('UPDATE'))!;

let t: TestApp;
let employer: Awaited<ReturnType<typeof orgWithKey>>;
let supervisorId: string;
beforeAll(async () => {
  t = await createTestApp();
  employer = await orgWithKey(t, 'employer', 'employer');
  supervisorId = (await createSupervisor(t, employer.key)).id;
});
afterAll(() => t.close());

const masksOf = async (id: string) =>
  (
    await t.db
      .select({ offered: slots.adaptationMask, arrange: slots.adaptationArrangeMask })
      .from(slots)
      .where(eq(slots.id, id))
  )[0]!;

/** None, one of each status, every code in two patterns of statuses, the last bit arrangeable. */
const mixes = [
  [],
  [{ code: 'quiet_workspace', status: 'in_place' }],
  [{ code: 'quiet_workspace', status: 'can_arrange' }],
  adaptationCodes.map((code, i) => ({ code, status: i % 3 === 0 ? 'in_place' : 'can_arrange' })),
  adaptationCodes.map((code, i) => ({ code, status: i % 2 === 0 ? 'can_arrange' : 'in_place' })),
  [
    { code: 'slower_pace', status: 'in_place' },
    { code: 'language_support', status: 'can_arrange' },
  ],
] as { code: string; status: 'in_place' | 'can_arrange' }[][];

describe('adaptation_arrange_mask', () => {
  it('is written by slot creates and updates, and migration 0026 computes the same from the JSON', async () => {
    const ids: string[] = [];
    for (const adaptations of mixes) {
      const slot = await createSlot(t, employer.key, [supervisorId], { adaptations });
      ids.push(slot.id);
      expect(await masksOf(slot.id)).toEqual({
        offered: adaptationMask(adaptations.map((a) => a.code)),
        arrange: canArrangeMask(adaptations),
      });
    }
    // An update of the adaptations rewrites it.
    const changed = mixes[3]!.map((a) => ({
      ...a,
      status: a.status === 'in_place' ? 'can_arrange' : 'in_place',
    }));
    const res = await t.call('PATCH', `/v1/slots/${ids[3]}`, {
      key: employer.key,
      body: { adaptations: changed },
    });
    expect(res.status, res.text).toBe(200);
    expect((await masksOf(ids[3]!)).arrange).toBe(canArrangeMask(changed));
    expect(canArrangeMask(changed)).not.toBe(canArrangeMask(mixes[3]!));

    // Rows as before the migration (0), then its backfill: the same masks as the services wrote.
    const written = await Promise.all(ids.map(masksOf));
    expect(written.some((m) => m.arrange !== 0)).toBe(true);
    await t.db.run(sql`UPDATE ${slots} SET ${sql.identifier('adaptation_arrange_mask')} = 0`);
    await t.db.run(sql.raw(backfill));
    expect(await Promise.all(ids.map(masksOf))).toEqual(written);
  });
});
