/**
 * The domain's values as schemas, shared by every service's input schemas (and so by the API and
 * the pages). They validate and document at once: the same schema builds the OpenAPI document and
 * rejects bad input with a field-level message.
 */
import { z } from '@hono/zod-openapi';
import { isTime, parseTime } from '../lib/schedule';
import { municipalityByCode, ssykByCode } from '../reference';
import { personalDataProblem } from './privacy';
import { adaptationCodes, levels, slotKinds, weekdays } from './vocabulary';

export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const MunicipalityCode = z
  .string()
  .regex(/^\d{4}$/, 'must be a four-digit municipality code')
  .refine((c) => municipalityByCode.has(c), 'is not a Swedish municipality code')
  .openapi({ example: '0180', description: 'Official four-digit municipality code (kommunkod).' });

export const SsykCode = z
  .string()
  .regex(/^\d{4}$/, 'must be a four-digit SSYK 2012 code')
  .refine((c) => ssykByCode.has(c), 'is not an SSYK 2012 unit group')
  .openapi({ example: '9412', description: 'SSYK 2012 unit group.' });

// Locations are in Sweden; the box is generous to include the border areas and islands.
export const Latitude = z.number().min(55, 'must be within Sweden').max(69.5, 'must be within Sweden');
export const Longitude = z.number().min(10.5, 'must be within Sweden').max(24.5, 'must be within Sweden');

export const Email = z.email('must be an email address').max(254).toLowerCase();
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s-]{6,20}$/, 'must be a phone number');

export const Level = z.enum(levels);
export const SlotKind = z.enum(slotKinds);
export const AdaptationCode = z.enum(adaptationCodes, {
  error: 'is not a known adaptation code; see GET /v1/vocabularies/adaptations',
});
export const IsoDate = z.iso.date('must be a date YYYY-MM-DD');

const Time = z.string().refine(isTime, 'must be a time HH:MM (00:00–24:00)').openapi({ example: '08:00' });

export const WindowSchema = z
  .object({
    day: z.enum(weekdays),
    start: Time,
    end: Time,
  })
  .refine((w) => !isTime(w.start) || !isTime(w.end) || parseTime(w.end) > parseTime(w.start), {
    message: 'must end after it starts (windows cannot cross midnight; split them)',
    path: ['end'],
  })
  .openapi('Window', { description: 'A weekday window in local Swedish time.' });

export const Schedule = z.array(WindowSchema).max(50);

export const HoursPerWeek = z.number().min(0).max(60);

export const ids = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), `must be an id starting with ${prefix}_`);

/** Free text about a participant: refuses identity data and diagnoses (see domain/privacy.ts). */
export const participantText = (max: number) =>
  text(max).superRefine((value, ctx) => {
    const why = personalDataProblem(value);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });
