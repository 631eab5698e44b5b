/**
 * A registry of generated slots (Swedish titles, tasks, schedules, hours and adaptations from
 * bench/lib/generate.ts) gathered around chosen places, as engine slots and as rows to insert, for
 * tests that need thousands of slots without creating them through the API.
 */
import { generateSlot } from '../../bench/lib/generate';
import { createRng } from '../../bench/lib/random';
import { type RegistryRows, registryRows } from '../../bench/lib/registry-rows';
import { corpusId } from '../../bench/lib/search-corpus';
import type { SlotForMatching } from '../../src/matching';

export interface Cluster {
  lat: number;
  lon: number;
  /** Standard deviation of the distance from the centre, in km. */
  spreadKm: number;
  count: number;
}

/** Slots gathered in clusters, ids `slt_01J…` from `firstId`, supervisors `sup_01J…` likewise. */
export function scaleRegistry(
  clusters: readonly Cluster[],
  opts: { organizationId: string; now: string; seed?: number; firstId?: number },
): { slots: SlotForMatching[]; rows: RegistryRows } {
  const rng = createRng(opts.seed ?? 5);
  let n = opts.firstId ?? 0;
  const slots: SlotForMatching[] = [];
  for (const c of clusters)
    for (let i = 0; i < c.count; i++) {
      const id = corpusId('slt', n);
      const g = generateSlot(rng, id);
      const km = () => rng.gaussian() * c.spreadKm;
      slots.push({
        ...g,
        organizationId: opts.organizationId,
        lat: c.lat + km() / 111.2,
        lon: c.lon + km() / (111.2 * Math.cos((c.lat * Math.PI) / 180)),
        supervisors: g.supervisors.map((s, k) => ({ ...s, id: corpusId('sup', 2 * n + k) })),
      });
      n++;
    }
  return { slots, rows: registryRows(slots, opts.organizationId, opts.now) };
}
