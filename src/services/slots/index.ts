/**
 * Slots: supervised places an employer or social enterprise offers. read.ts loads and lists them,
 * write.ts creates, changes and removes them (rows.ts turns API input into a row and checks the
 * fields that must fit together), view.ts is how the API shows one; page-text.ts makes the list's JSON.
 */
import type { ServiceContext } from '../context';
import type { SiteService } from '../sites';
import { slotPageText } from './page-text';
import { slotReads } from './read';
import { slotWrites } from './write';

export function slotService(ctx: ServiceContext, sites: SiteService) {
  const reads = slotReads(ctx);
  return { ...reads, listText: slotPageText(ctx, reads), ...slotWrites(ctx, reads, sites) };
}

export type { Slot, SlotRow } from './view';
