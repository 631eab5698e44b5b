/** What the placement pages read, through the services (never the HTTP API). */
import type { Member } from '../../auth/actor';
import type { Services } from '../../services';

type Placement = Awaited<ReturnType<Services['placements']['get']>>;
type Listed = Awaited<ReturnType<Services['placements']['list']>>['data'][number];

export type PlacementListItem = Listed & { slotTitle: string };
export type PlacementDetails = Placement & { slotTitle: string; supervisors: { id: string; name: string }[] };

/** Slot titles for many placements at once (a slot the caller may no longer see shows its id). */
async function slotTitles(services: Services, actor: Member, slotIds: string[]) {
  const titles = new Map<string, string>();
  for (const id of new Set(slotIds)) {
    const slot = await services.slots.get(actor, id).catch(() => null);
    titles.set(id, slot?.title ?? id);
  }
  return titles;
}

export async function listPlacements(services: Services, actor: Member): Promise<PlacementListItem[]> {
  const page = await services.placements.list(actor, { limit: 100 });
  const titles = await slotTitles(
    services,
    actor,
    page.data.map((p) => p.slotId),
  );
  // Newest first: the proposal waiting for an answer is the one people come for.
  return page.data.map((p) => ({ ...p, slotTitle: titles.get(p.slotId)! })).reverse();
}

export async function loadPlacement(
  services: Services,
  actor: Member,
  id: string,
): Promise<PlacementDetails> {
  const p = await services.placements.get(actor, id);
  const slot = await services.slots.get(actor, p.slotId).catch(() => null);
  const supervisors = [];
  if (slot && actor.organizationKind !== 'provider')
    for (const sid of slot.supervisorIds) {
      const s = await services.supervisors.get(actor, sid).catch(() => null);
      if (s) supervisors.push({ id: s.id, name: s.name });
    }
  return { ...p, slotTitle: slot?.title ?? p.slotId, supervisors };
}
