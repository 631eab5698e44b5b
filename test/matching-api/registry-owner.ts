/**
 * The one employer that owns every slot of the registries the matching-api tests write straight
 * into the database (bench/lib/registry-rows.ts gives each slot `organizationId` 'org').
 */
import { organizations } from '../../db/schema';
import type { Db } from '../../src/adapters/db/types';
import { nameColumns } from '../../src/lib/swedish-order';

export const REGISTRY_OWNER = 'org';

export async function insertRegistryOwner(db: Db, now: string) {
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
