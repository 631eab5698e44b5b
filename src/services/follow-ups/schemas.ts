/** What the follow-ups service takes: an exit, a follow-up's answer, a list query. */
import { z } from '@hono/zod-openapi';
import { followUpCauses, followUpSituations, milestoneMonths, outcomeCategories } from '../../../db/schema';
import { IsoDate, ids } from '../../domain/fields';
import type { PageQuery } from '../../lib/pagination';

export const ExitCreate = z
  .strictObject({
    date: IsoDate.optional().openapi({ description: 'The out-registration date; today by default.' }),
    outcome: z.enum(outcomeCategories).openapi({
      description:
        'Where the participant went, as the national follow-up (SUS) counts it: unsubsidized work, subsidized work, studies, active job-seeking, other.',
    }),
  })
  .openapi('ExitCreate');
export type ExitCreate = z.infer<typeof ExitCreate>;

export const FollowUpRecord = z
  .strictObject({
    situation: z.enum(followUpSituations).openapi({
      description: 'Where the person is now: one of the SUS categories, or `not_reached`.',
    }),
    date: IsoDate.optional().openapi({ description: 'When this was learned; today by default.' }),
  })
  .openapi('FollowUpRecord');
export type FollowUpRecord = z.infer<typeof FollowUpRecord>;

export const followUpStatuses = ['due', 'upcoming', 'recorded'] as const;

export const FollowUpListQuery = z.object({
  status: z.enum(followUpStatuses).optional().openapi({
    description:
      '`due`: due today or earlier and not answered; `upcoming`: not yet due; `recorded`: answered. All by default.',
  }),
  participantId: ids('prt').optional(),
  cause: z.enum(followUpCauses).optional(),
  months: z.coerce
    .number()
    .pipe(z.union(milestoneMonths.map((m) => z.literal(m))))
    .optional(),
  handlerId: z
    .union([z.literal('me'), ids('usr')])
    .optional()
    .openapi({ description: 'Only this handler’s participants (`me`: the caller’s).' }),
});
export type FollowUpListQuery = z.infer<typeof FollowUpListQuery> & PageQuery;
