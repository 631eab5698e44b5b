/** What the matching service takes: how many results, and an allocation's participants and slots. */
import { z } from '@hono/zod-openapi';
import { ids } from '../../domain/fields';

export const MatchLimit = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export type MatchLimit = z.infer<typeof MatchLimit>;

export const AllocationRequest = z
  .strictObject({
    participantIds: z.array(ids('prt')).min(1).max(2000),
    slotIds: z.array(ids('slt')).max(20000).optional().openapi({
      description: 'Only these slots; by default every open slot within reach of the participants.',
    }),
  })
  .openapi('AllocationRequest');
export type AllocationRequest = z.infer<typeof AllocationRequest>;
