import { crudRouter } from '../shared/crud';
import { Slot, SlotCreate, SlotListQuery, SlotUpdate } from './schemas';

export const slotsRouter = crudRouter({
  path: '/slots',
  tag: 'Slots',
  noun: 'slot',
  idPrefix: 'slt',
  entity: Slot,
  create: SlotCreate,
  update: SlotUpdate,
  listQuery: SlotListQuery,
  service: (s) => s.slots,
  removeSummary: 'Delete a slot that never had placements (otherwise close it: PATCH status closed)',
  descriptions: {
    create:
      'Employers and social enterprises post supervised places. Pause, reopen and close with PATCH `status`.',
    list: 'Providers see every organization’s slots; employers and enterprises see their own.',
  },
});
