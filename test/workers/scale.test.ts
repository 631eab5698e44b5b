/**
 * The Worker on D1 with a registry far larger than one statement may return (5,500 slots: D1
 * refuses strings and rows over 2 MB, about 2,000 slots as one JSON document), loaded straight into
 * the database. Matching, participants for a slot, allocation, search and the cron drain must work,
 * and their cost must follow what was asked, not the registry: each answer's `x-d1-usage` says what
 * it asked of D1.
 */
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bulkInsertStatements } from '../../bench/lib/bulk-insert';
import { organizations, participants, slotSupervisors, slots, supervisors } from '../../db/schema';
import { type D1DatabaseLike, openD1 } from '../../src/adapters/db/d1';
import { D1_USAGE_HEADER } from '../../src/entry/worker';
import { buildSlotIndex, rankParticipant, type SlotForMatching } from '../../src/matching';
import { participantForMatching } from '../../src/services/matching/rows';
import { createParticipant, orgWithKey } from '../helpers/factories';
import { scaleRegistry } from '../helpers/scale-registry';
import { asTestApp, call } from './helpers';

const NOW = new Date().toISOString();
const ORG = 'org_01J00000000000000000000001';
/** Around Luleå, where no other test puts anything; the rest of the registry is far away in Skåne. */
const LULEA = { lat: 65.584, lon: 22.154 };
const registry = scaleRegistry(
  [
    { ...LULEA, spreadKm: 12, count: 1500 },
    { lat: 55.605, lon: 13.0, spreadKm: 20, count: 4000 },
  ],
  { organizationId: ORG, now: NOW },
);

interface Usage {
  calls: number;
  statements: number;
  rowsRead: number;
}
function usageOf(headers: Headers): Usage {
  const value = headers.get(D1_USAGE_HEADER) ?? '';
  const field = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(value)?.[1] ?? Number.NaN);
  return { calls: field('calls'), statements: field('statements'), rowsRead: field('rows-read') };
}

async function load(binding: D1DatabaseLike) {
  const statements = [
    ...bulkInsertStatements(organizations, [
      {
        id: ORG,
        name: 'Norrbottens Arbetsplatser AB',
        kind: 'employer',
        organizationNumber: '5566778899',
        contactEmail: 'info@example.se',
        municipalityCode: '2580',
        createdAt: NOW,
        updatedAt: NOW,
      },
    ]),
    ...bulkInsertStatements(supervisors, registry.rows.supervisors),
    ...bulkInsertStatements(slots, registry.rows.slots),
    ...bulkInsertStatements(slotSupervisors, registry.rows.links),
  ];
  const prepared = statements.map((s) => {
    const statement = binding.prepare(s.sql) as { bind(...values: unknown[]): unknown };
    return statement.bind(s.rows);
  });
  await binding.batch(prepared);
}

let provider: Awaited<ReturnType<typeof orgWithKey>>;
const t = asTestApp(call);
const db = openD1(env.DB);

beforeAll(async () => {
  await load(env.DB);
  provider = await orgWithKey(t, 'provider', 'handler');
}, 60_000);

describe('a registry of 5,500 slots on D1', () => {
  it('ranks a participant’s matches from their candidates only, exactly as the engine over every slot', async () => {
    const person = await createParticipant(t, provider.key, {
      interests: ['lager', 'kök'],
      adaptationNeeds: [],
      location: { municipalityCode: '2580', ...LULEA },
      maxTravelKm: 30,
      availability: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '08:00', end: '16:00' })),
      hoursPerWeek: { now: 8, target: 20 },
    });
    const res = await call('GET', `/v1/participants/${person.id}/matches?limit=20`, { key: provider.key });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toHaveLength(20);

    const [row] = await db.select().from(participants).where(eq(participants.id, person.id));
    const open: SlotForMatching[] = registry.slots.filter((s) => s.status === 'open');
    const expected = rankParticipant(buildSlotIndex(open), participantForMatching(row!), {
      limit: 20,
      today: res.body.today,
    });
    expect(res.body.data.map((m: { slotId: string; score: number }) => [m.slotId, m.score])).toEqual(
      expected.map((m) => [m.slotId, m.score]),
    );

    const usage = usageOf(res.headers);
    console.log('matches', usage);
    expect(usage.calls).toBeLessThanOrEqual(10);
  });
});
