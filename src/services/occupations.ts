/**
 * The occupation lookup: one function for the API's type-ahead and the web pages' occupation picker.
 * Everything is precomputed in memory (src/reference/occupations.ts); no database.
 */
import { z } from '@hono/zod-openapi';
import { findOccupations, type OccupationHit } from '../reference';

export const OccupationLookupInput = z.object({
  q: z.string().trim().min(1).max(100).openapi({
    example: 'diskare',
    description:
      'What the user typed: word starts of occupation names and SSYK groups (also without å/ä/ö), or an SSYK code or its start ("76").',
  }),
  limit: z.coerce.number().int().min(1).max(50).default(10).openapi({ description: 'Most answers, 1–50.' }),
});
export type OccupationLookupInput = z.infer<typeof OccupationLookupInput>;

export function lookupOccupations(input: OccupationLookupInput): OccupationHit[] {
  return findOccupations(input.q, input.limit);
}
