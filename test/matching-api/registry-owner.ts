/**
 * The one employer that owns every slot of the registries the matching-api tests write straight
 * into the database (bench/lib/registry-rows.ts gives each slot `organizationId` 'org').
 */
import type { registryRows } from '../../bench/lib/registry-rows';
import { organizations, slotSupervisors, slots, supervisors } from '../../db/schema';
import type { Db } from '../../src/adapters/db/types';
import { nameColumns } from '../../src/lib/swedish-order';
import { createTestApp } from '../helpers/app';

export const REGISTRY_OWNER = 'org';
/** The clock of the rows these tests write. */
export const REGISTRY_NOW = '2025-03-01T08:00:00.000Z';

/** A test app (its own database) with the registry owner in it. */
export async function registryTestApp() {
  const t = await createTestApp();
  await insertRegistryOwner(t.db, REGISTRY_NOW);
  return t;
}

async function insertRegistryOwner(db: Db, now: string) {
  await db.insert(organizations).values({
    id: REGISTRY_OWNER,
    name: 'Arbetsgivaren AB',
    ...nameColumns('Arbetsgivaren AB'),
    kind: 'employer',
    organizationNumber: '5560360793',
    contactEmail: 'info@example.se',
    municipalityCode: '0180',
    createdAt: now,
    updatedAt: now,
  });
}

/** Replaces every slot, supervisor and link with these rows, in one batch. */
export async function replaceRegistry(db: Db, rows: ReturnType<typeof registryRows>) {
  await db.batch([
    db.delete(slotSupervisors),
    db.delete(slots),
    db.delete(supervisors),
    db.insert(supervisors).values(rows.supervisors),
    db.insert(slots).values(rows.slots),
    db.insert(slotSupervisors).values(rows.links),
  ]);
}
