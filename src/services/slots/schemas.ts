/** What the slots service takes: one shape for a slot, validated field by field. */
import { z } from '@hono/zod-openapi';
import {
  AdaptationCode,
  HoursPerWeek,
  IsoDate,
  ids,
  Latitude,
  Level,
  Longitude,
  MunicipalityCode,
  Schedule,
  SlotKind,
  SsykCode,
  text,
} from '../../domain/fields';
import { adaptationStatuses, slotStatuses, subsidyCodes } from '../../domain/vocabulary';
import { strengthCodes } from '../../domain/work-vocabulary';
import type { PageQuery } from '../../lib/pagination';

export const OfferedAdaptation = z
  .object({ code: AdaptationCode, status: z.enum(adaptationStatuses) })
  .openapi('OfferedAdaptation', { description: '`in_place` now, or `can_arrange` when needed.' });

const Occupation = z
  .object({ ssyk: SsykCode.nullable().optional(), label: text(120) })
  .openapi('Occupation', { example: { ssyk: '9412', label: 'Restaurangbiträde' } });

const Location = z
  .object({
    municipalityCode: MunicipalityCode,
    address: text(300).nullable().optional(),
    lat: Latitude.optional().openapi({ description: 'Defaults to the site, else the municipality seat.' }),
    lon: Longitude.optional(),
  })
  .openapi('SlotLocation');

export const Environment = z
  .object({ socialIntensity: Level, physicalDemand: Level })
  .openapi('Environment', { description: 'How social and how physically demanding the work is.' });

const Hours = z
  .object({ min: HoursPerWeek, max: HoursPerWeek.min(1) })
  .refine((h) => h.min <= h.max, { message: 'min must not exceed max', path: ['min'] })
  .openapi('HoursRange', { example: { min: 4, max: 20 } });

const fields = {
  siteId: ids('sit').nullable(),
  title: text(120).openapi({ example: 'Bageribiträde i surdegsbageri' }),
  description: text(4000),
  tasks: z
    .array(text(120))
    .max(30)
    .openapi({ example: ['baka bröd', 'diska', 'packa beställningar'] }),
  occupation: Occupation,
  kind: SlotKind,
  location: Location,
  capacity: z
    .number()
    .int()
    .min(1)
    .max(500)
    .openapi({ description: 'Places for participants at the same time.' }),
  schedule: Schedule.min(1, 'needs at least one supervised window').openapi({
    description: 'Supervised weekday windows (local time). Overlapping windows are merged.',
    example: [
      { day: 'mon', start: '08:00', end: '12:00' },
      { day: 'wed', start: '08:00', end: '12:00' },
    ],
  }),
  hoursPerWeek: Hours,
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  openEnded: z.boolean().openapi({ description: 'Long-term, no fixed end. Otherwise endDate is required.' }),
  supervisorIds: z.array(ids('sup')).min(1, 'a slot needs a named supervisor').max(20),
  adaptations: z.array(OfferedAdaptation).max(30),
  environment: Environment,
  subsidies: z.array(z.enum(subsidyCodes)).max(10),
  leadsToHire: z.boolean(),
  suits: z
    .array(z.enum(strengthCodes))
    .max(strengthCodes.length)
    .openapi({
      description:
        'The qualities the work suits ("passar den som är noggrann"), from the strengths vocabulary ' +
        '(GET /v1/vocabularies/strengths) participants pick from too; matching gives them as reasons.',
      example: ['careful', 'patient'],
    }),
  status: z.enum(slotStatuses),
};

export const SlotCreate = z
  .strictObject({
    organizationId: ids('org').optional().openapi({ description: 'Platform admin only.' }),
    ...fields,
    siteId: fields.siteId.optional(),
    location: fields.location.optional().openapi({ description: 'Required unless siteId is given.' }),
    tasks: fields.tasks.default([]),
    endDate: fields.endDate.optional(),
    openEnded: fields.openEnded.default(false),
    adaptations: fields.adaptations.default([]),
    environment: Environment.default({ socialIntensity: 'medium', physicalDemand: 'medium' }),
    subsidies: fields.subsidies.default([]),
    leadsToHire: fields.leadsToHire.default(false),
    suits: fields.suits.default([]),
    status: z.enum(['open', 'paused']).default('open'),
  })
  .openapi('SlotCreate');
export type SlotCreate = z.infer<typeof SlotCreate>;

export const SlotUpdate = z.strictObject(fields).partial().openapi('SlotUpdate', {
  description: 'Fields given replace the current ones. status: open (reopen), paused or closed.',
});
export type SlotUpdate = z.infer<typeof SlotUpdate>;

export const SlotListQuery = z.object({
  organizationId: ids('org').optional(),
  status: z.enum(slotStatuses).optional(),
  kind: SlotKind.optional(),
  municipalityCode: MunicipalityCode.optional(),
});
export type SlotListQuery = z.infer<typeof SlotListQuery> & PageQuery;
