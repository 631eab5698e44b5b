/**
 * The database a load run serves: the demo registry (seeded through the services, as `npm start`
 * does), and for larger sizes generated slots written straight into the file (registry-rows.ts) under
 * one more employer, then indexed for search. Built in this process, closed before the server starts.
 */
import Database from 'libsql';
import { organizations, slotSupervisors, slots, supervisors } from '../../db/schema';
import { migrateLibsql, openLibsql } from '../../src/adapters/db/libsql';
import { createApp } from '../../src/app';
import { platformActor } from '../../src/auth/actor';
import { loadConfig } from '../../src/config';
import { seedDemo } from '../../src/demo/seed';
import { silentLogger } from '../../src/lib/logger';
import { nameColumns } from '../../src/lib/swedish-order';
import { reindexAll } from '../../src/search/sync';
import { bulkInsertStatements } from './bulk-insert';
import { generateSlot } from './generate';
import { createRng } from './random';
import { registryRows } from './registry-rows';
import { corpusId } from './search-corpus';

export const LOAD_ADMIN_KEY = 'load-admin-key-0123456789abcdef';
/** The extra employer's key (fixed, so the workload can write its slots). */
export const LOAD_EMPLOYER_KEY = 'sek_load_employer_0123456789abcdef';
const LOAD_ORG = 'org_01J0000000000000000000LOAD';

/** Fills `file` (a new libSQL file) with the demo registry and `slotCount - demo` generated slots. */
export async function buildLoadRegistry(file: string, slotCount: number, today: string) {
  const database = await openLibsql(`file:${file}`);
  try {
    await migrateLibsql(database);
    const config = loadConfig({ NODE_ENV: 'test', ADMIN_API_KEY: LOAD_ADMIN_KEY, LOG_LEVEL: 'silent' });
    const app = createApp({ config, db: database.db, logger: silentLogger });
    await seedDemo(app.services, today);
    await app.drainOutbox();
    const counted = await database.client.execute('SELECT count(*) AS n FROM slots');
    const demoSlots = Number(counted.rows[0]?.n ?? 0);
    const extra = Math.max(0, slotCount - Number(demoSlots));
    if (extra > 0) {
      const now = new Date().toISOString();
      await database.db.insert(organizations).values({
        id: LOAD_ORG,
        name: 'Lastprovet AB',
        ...nameColumns('Lastprovet AB'),
        kind: 'employer',
        organizationNumber: '5560000000',
        contactEmail: 'info@lastprovet.example',
        municipalityCode: '0180',
        createdAt: now,
        updatedAt: now,
      });
      await app.services.apiKeys.issue(
        platformActor,
        LOAD_ORG,
        { name: 'Lasse Last', email: 'lasse@lastprovet.example', role: 'employer' },
        LOAD_EMPLOYER_KEY,
      );
      const rng = createRng(17);
      const engineSlots = Array.from({ length: extra }, (_x, i) => {
        const g = generateSlot(rng, corpusId('slt', i), today);
        return {
          ...g,
          organizationId: LOAD_ORG,
          supervisors: g.supervisors.map((s, k) => ({ ...s, id: corpusId('sup', 2 * i + k) })),
        };
      });
      const rows = registryRows(engineSlots, LOAD_ORG, now);
      const statements = [
        ...bulkInsertStatements(supervisors, rows.supervisors),
        ...bulkInsertStatements(slots, rows.slots),
        ...bulkInsertStatements(slotSupervisors, rows.links),
      ];
      for (const s of statements) await database.client.execute({ sql: s.sql, args: [s.rows] });
      await reindexAll(database.db, app.search);
    }
    await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    return { slots: demoSlots + extra };
  } finally {
    database.close();
  }
}

/** Slots in a database built before (for `npm run load -- --from`). */
export function countSlots(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM slots').get() as { n: number };
    return Number(row.n);
  } finally {
    db.close();
  }
}
