/**
 * The search query string, parsed and validated by one schema that also documents it in OpenAPI,
 * then turned into a `SlotSearchQuery` by a pure function. Lists are comma-separated
 * (`municipalityCode=0180,1480`); repeating a parameter is not supported.
 */
import { z } from '@hono/zod-openapi';
import { adaptationCodes, levels, slotKinds, weekdays } from '../domain/vocabulary';
import type { FieldError } from '../lib/problem';
import { majorGroups, municipalityByCode, unitGroupByCode } from '../reference';
import { listings } from './capacity-document';
import { decodeOffsetCursor } from './filters';
import { type SearchSort, type SlotSearchQuery, searchableStatuses, searchSorts } from './port';

/** Largest offset a cursor may reach; narrowing the search is the way further. */
export const MAX_OFFSET = 10_000;
export const MAX_RADIUS_KM = 1000;

const list = <T extends string>(values: readonly [T, ...T[]], what: string, example: string) =>
  z
    .string()
    .max(1000)
    .transform((s, ctx) => {
      const items = [
        ...new Set(
          s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ];
      const bad = items.filter((x) => !values.includes(x as T));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown ${what}: ${bad.join(', ')}` });
      return items as T[];
    })
    .openapi({ example, description: `Comma-separated; one of: ${values.join(', ')}.` });

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A comma-separated list of codes that `known` accepts, at most `max`. */
const codes = (known: (code: string) => boolean, what: string, max: number) =>
  z
    .string()
    .max(600)
    .transform((s, ctx) => {
      const items = [
        ...new Set(
          s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ];
      const bad = items.filter((c) => !known(c));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `not ${what}: ${bad.join(', ')}` });
      if (items.length > max) ctx.addIssue({ code: 'custom', message: `at most ${max} codes` });
      return items;
    });

export const SearchQuerySchema = z.object({
  q: z.string().max(200).optional().openapi({
    example: 'bageri',
    description:
      'Words to find, as typed: prefixes (the last word while typing), parts of Swedish compounds ("verkstad" finds "bilverkstad") and small typos match. Title matches rank first.',
  }),
  municipalityCode: z
    .string()
    .max(600)
    .transform((s, ctx) => {
      const codes = [
        ...new Set(
          s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ];
      const bad = codes.filter((c) => !municipalityByCode.has(c));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `not a municipality code: ${bad.join(', ')}` });
      if (codes.length > 50) ctx.addIssue({ code: 'custom', message: 'at most 50 municipalities' });
      return codes;
    })
    .optional()
    .openapi({
      example: '0180,0184',
      description: 'One or more four-digit municipality codes, comma-separated.',
    }),
  kind: list(slotKinds, 'kind', 'work_training,work_trial').optional(),
  ssyk: codes((c) => unitGroupByCode.has(c), 'an SSYK 2012 unit group', 50)
    .optional()
    .openapi({
      example: '9412,7612',
      description:
        'SSYK 2012 unit groups (four digits), comma-separated: slots of any of them (GET /v1/vocabularies/occupations finds codes).',
    }),
  listing: list(listings, 'listing', 'capacity').optional().openapi({
    description:
      'What to list: `slot` (employers’ and social enterprises’ slots), `capacity` (social enterprises’ work-training capacity listings) or both (the default).',
  }),
  majorGroup: codes((c) => c in majorGroups, 'an SSYK 2012 major group (0–9)', 10)
    .optional()
    .openapi({ example: '9', description: 'SSYK 2012 major groups (the first digit), comma-separated.' }),
  adaptations: list(adaptationCodes, 'adaptation code', 'quiet_workspace,written_instructions')
    .optional()
    .openapi({ description: 'Every listed adaptation is offered (in place or can be arranged).' }),
  days: list(weekdays, 'weekday', 'mon,wed')
    .optional()
    .openapi({ description: 'The slot has supervised windows on every listed weekday.' }),
  hours: z.coerce
    .number()
    .min(0)
    .max(60)
    .optional()
    .openapi({ example: 10, description: 'Hours per week the slot’s range must contain.' }),
  openEnded: flag
    .optional()
    .openapi({ description: 'Only open-ended (true) or only fixed-term (false) slots.' }),
  minDurationWeeks: z.coerce
    .number()
    .int()
    .min(1)
    .max(520)
    .optional()
    .openapi({ example: 26, description: 'Open-ended, or ending at least this many weeks from today.' }),
  leadsToHire: flag.optional(),
  socialIntensity: list(levels, 'level', 'low,medium').optional(),
  physicalDemand: list(levels, 'level', 'low').optional(),
  near: z
    .string()
    .regex(/^\s*-?\d{1,2}(\.\d+)?\s*,\s*-?\d{1,3}(\.\d+)?\s*$/, 'must be lat,lon in decimal degrees')
    .transform((s) => {
      const [lat, lon] = s.split(',').map(Number) as [number, number];
      return { lat, lon };
    })
    .refine((p) => p.lat >= 55 && p.lat <= 69.5 && p.lon >= 10.5 && p.lon <= 24.5, 'must be within Sweden')
    .optional()
    .openapi({ example: '57.7089,11.9746', description: 'A point (lat,lon): results carry their distance.' }),
  radiusKm: z.coerce
    .number()
    .positive()
    .max(MAX_RADIUS_KM)
    .optional()
    .openapi({ example: 25, description: 'Only slots within this straight-line distance of `near`.' }),
  status: list(searchableStatuses, 'status', 'open').optional().openapi({
    description: 'Default `open`; add `paused` to see paused slots too. Closed slots are never listed.',
  }),
  includeFull: flag.optional().openapi({
    description:
      'Also slots that cannot take someone now: all places taken, or no supervisor with room (default false: only slots that can).',
  }),
  organizationId: z
    .string()
    .regex(/^org_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id starting with org_')
    .optional()
    .openapi({ description: 'One organization’s slots (employers always see only their own).' }),
  sort: z
    .enum(searchSorts)
    .optional()
    .openapi({ description: 'Default: relevance with `q`, else distance with `near`, else newest.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: 'Page size, 1–100.' }),
  cursor: z.string().max(40).optional().openapi({ description: 'From the previous page’s `nextCursor`.' }),
});

export type SearchQueryParams = z.output<typeof SearchQuerySchema>;

export type ParsedSearch = Omit<SlotSearchQuery, 'today'>;

/**
 * Validated parameters → a search. Errors here are the rules that tie parameters together; they are
 * reported like any invalid field (400, with the parameter's path).
 */
export function toSearchQuery(p: SearchQueryParams): { query: ParsedSearch } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (p.radiusKm !== undefined && !p.near)
    errors.push({ path: 'query.radiusKm', message: 'needs `near` (lat,lon)' });
  if (p.sort === 'distance' && !p.near) errors.push({ path: 'query.sort', message: 'distance needs `near`' });
  const offset = p.cursor === undefined ? 0 : decodeOffsetCursor(p.cursor);
  if (offset === null) errors.push({ path: 'query.cursor', message: 'is not a cursor this API gave out' });
  else if (offset > MAX_OFFSET)
    errors.push({ path: 'query.cursor', message: `goes past ${MAX_OFFSET} results; narrow the search` });
  if (errors.length) return { errors };
  const text = (p.q ?? '').trim();
  const sort: SearchSort = p.sort ?? (text ? 'relevance' : p.near ? 'distance' : 'newest');
  return {
    query: {
      text,
      municipalityCodes: p.municipalityCode ?? [],
      kinds: p.kind ?? [],
      ssyk: p.ssyk ?? [],
      majorGroups: p.majorGroup ?? [],
      // Both named is the same as none: no filter.
      listings: p.listing?.length === 1 ? p.listing : [],
      adaptations: p.adaptations ?? [],
      days: p.days ?? [],
      hours: p.hours,
      openEnded: p.openEnded,
      minDurationWeeks: p.minDurationWeeks,
      leadsToHire: p.leadsToHire,
      socialIntensity: p.socialIntensity ?? [],
      physicalDemand: p.physicalDemand ?? [],
      near: p.near,
      radiusKm: p.radiusKm,
      statuses: p.status?.length ? p.status : ['open'],
      includeFull: p.includeFull ?? false,
      organizationId: p.organizationId,
      sort,
      limit: p.limit,
      offset: offset ?? 0,
    },
  };
}
