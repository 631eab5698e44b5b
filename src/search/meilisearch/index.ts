/**
 * The Meilisearch adapter (production): `MEILISEARCH_URL`, `MEILISEARCH_API_KEY`, index
 * `MEILISEARCH_INDEX`. Writes wait for Meilisearch to finish the task and throw when it failed, so
 * the outbox retries them. Hits are checked against the database before they are returned: a slot
 * closed, filled or deleted a moment ago is dropped even if the index has not caught up yet.
 * A reindex builds a fresh index beside the live one and swaps them, so search never sees a gap.
 */
import { type IndexSwap, Meilisearch, type Task } from 'meilisearch';
import type { Db } from '../../adapters/db/types';
import { liveAvailability, stillAvailable } from '../live';
import type { Facets, SearchIndex, SlotSearchDocument } from '../port';
import { toMeiliSearch } from './filter';
import { fromMeiliHit, type MeiliHit, toMeiliDocument } from './mapping';
import { MAX_TOTAL_HITS, meilisearchSettings } from './settings';

export interface MeilisearchOptions {
  url: string;
  apiKey?: string;
  index: string;
  db: Db;
  /** How long a write may wait for Meilisearch to apply it. */
  timeoutMs?: number;
}

function assertSucceeded(task: Task) {
  if (task.status !== 'succeeded')
    throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? 'no detail'}`);
}

export function meilisearchSearch(o: MeilisearchOptions): SearchIndex {
  const client = new Meilisearch({ host: o.url, apiKey: o.apiKey });
  const wait = { timeout: o.timeoutMs ?? 30_000, interval: 50 };
  const run = async (p: ReturnType<typeof client.createIndex>) => assertSucceeded(await p.waitTask(wait));

  async function prepare(uid: string) {
    const exists = await client
      .getIndex(uid)
      .then(() => true)
      .catch(() => false);
    if (!exists) await run(client.createIndex(uid, { primaryKey: 'id' }));
    await run(client.index(uid).updateSettings(meilisearchSettings));
  }

  // Settings are applied once per process, before the first write or search (and again after a failure).
  let ready: Promise<void> | null = null;
  const ensureReady = () => {
    ready ??= prepare(o.index).catch((err) => {
      ready = null;
      throw err;
    });
    return ready;
  };

  const add = (uid: string, docs: SlotSearchDocument[]) =>
    run(client.index(uid).addDocuments(docs.map(toMeiliDocument), { primaryKey: 'id' }));

  return {
    engine: 'meilisearch',

    init: ensureReady,

    async upsert(docs) {
      await ensureReady();
      if (docs.length) await add(o.index, docs);
    },

    async remove(slotIds) {
      await ensureReady();
      if (slotIds.length) await run(client.index(o.index).deleteDocuments(slotIds));
    },

    async replaceAll(batches) {
      const fresh = `${o.index}_reindex`;
      await client.deleteIndexIfExists(fresh);
      await prepare(fresh);
      let indexed = 0;
      for await (const docs of batches) {
        if (docs.length) await add(fresh, docs);
        indexed += docs.length;
      }
      await prepare(o.index);
      // No `rename` field: servers before Meilisearch 1.18 refuse it, and false is the default.
      await run(client.swapIndexes([{ indexes: [o.index, fresh] } as IndexSwap]));
      await client.deleteIndexIfExists(fresh);
      return { indexed };
    },

    async search(q) {
      await ensureReady();
      const request = toMeiliSearch(q);
      const res = await client.index(o.index).search<MeiliHit>(request.q, request.params);
      const live = await liveAvailability(
        o.db,
        res.hits.map((h) => h.id),
      );
      const hits = res.hits.flatMap((h) => {
        const now = live.get(h.id);
        if (!stillAvailable(now, q)) return [];
        return [
          {
            ...fromMeiliHit(h, q.near),
            status: now!.status,
            freePlaces: now!.capacity - now!.taken,
          },
        ];
      });
      const dist = res.facetDistribution ?? {};
      const facets: Facets = {
        municipalityCode: dist.municipalityCode ?? {},
        kind: dist.kind ?? {},
        adaptations: dist.adaptations ?? {},
        ssyk: dist.ssyk ?? {},
        majorGroup: dist.ssykMajor ?? {},
      };
      const reported = (res as { estimatedTotalHits?: number }).estimatedTotalHits ?? res.hits.length;
      // Hits dropped by the live check are gone from the count too; others on later pages are not known.
      const total = reported - (res.hits.length - hits.length);
      // Meilisearch stops counting at maxTotalHits: at the cap, the true total is larger.
      return { hits, total: Math.max(total, hits.length), totalExact: reported < MAX_TOTAL_HITS, facets };
    },
  };
}
