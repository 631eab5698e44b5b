/** What the slot pages read, through the services (never the HTTP API). */
import type { Member } from '../../auth/actor';
import type { Services } from '../../services';
import type { Slot } from '../../services/slots';
import { readAll } from '../ui/pages';

export interface PlacedOnSlot {
  id: string;
  state: 'proposed' | 'accepted' | 'started';
  date: string | null;
  supervisorName: string | null;
}

export interface SlotWithPeople extends Slot {
  placed: PlacedOnSlot[];
}

/** The organization's supervisors by id, with how many more participants each can take. */
export async function supervisorsOf(services: Services, actor: Member) {
  const list = await readAll((cursor) =>
    services.supervisors.list(actor, { organizationId: actor.organizationId, limit: 100, cursor }),
  );
  return list.map((s) => ({
    id: s.id,
    name: s.name,
    room: Math.max(0, s.maxParticipants - s.activePlacements),
  }));
}

export async function sitesOf(services: Services, actor: Member) {
  const list = await readAll((cursor) =>
    services.sites.list(actor, { organizationId: actor.organizationId, limit: 100, cursor }),
  );
  return list.map((s) => ({ id: s.id, name: s.name }));
}

/** The organization's slots, each with the placements on it that are waiting, accepted or under way. */
export async function slotsWithPeople(services: Services, actor: Member): Promise<SlotWithPeople[]> {
  const [slots, placements, supervisors] = await Promise.all([
    readAll((cursor) =>
      services.slots.list(actor, { organizationId: actor.organizationId, limit: 100, cursor }),
    ),
    readAll((cursor) => services.placements.list(actor, { limit: 100, cursor })),
    supervisorsOf(services, actor),
  ]);
  const names = new Map(supervisors.map((s) => [s.id, s.name]));
  const bySlot = new Map<string, PlacedOnSlot[]>();
  for (const p of placements) {
    if (p.state !== 'proposed' && p.state !== 'accepted' && p.state !== 'started') continue;
    const list = bySlot.get(p.slotId) ?? [];
    list.push({
      id: p.id,
      state: p.state,
      date:
        p.state === 'proposed'
          ? p.dates.proposedAt.slice(0, 10)
          : (p.dates.startDate ?? p.dates.acceptedAt?.slice(0, 10) ?? null),
      supervisorName: p.supervisorId ? (names.get(p.supervisorId) ?? null) : null,
    });
    bySlot.set(p.slotId, list);
  }
  // Open first, then paused, then closed; newest first within each.
  const order = { open: 0, paused: 1, closed: 2 } as const;
  return slots
    .map((s) => ({ ...s, placed: bySlot.get(s.id) ?? [] }))
    .sort((a, b) => order[a.status] - order[b.status] || b.id.localeCompare(a.id));
}
