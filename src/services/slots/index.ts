/**
 * Slots: supervised places an employer or social enterprise offers. read.ts loads and lists them,
 * write.ts creates, changes and removes them (rows.ts turns API input into a row and checks the
 * fields that must fit together), view.ts is how the API shows one.
 */
import type { ServiceContext } from '../context';
import type { SiteService } from '../sites';
import { slotReads } from './read';
import { slotWrites } from './write';

export function slotService(ctx: ServiceContext, sites: SiteService) {
  const reads = slotReads(ctx);
  return { ...reads, ...slotWrites(ctx, reads, sites) };
}

export type { Slot, SlotRow } from './view';
