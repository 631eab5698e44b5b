import { createRoute, z } from '@hono/zod-openapi';
import {
  adaptationVocabulary,
  programmeKinds,
  referralSources,
  slotKindLabels,
  subsidyVocabulary,
} from '../../domain/vocabulary';
import { avoidVocabulary, strengthVocabulary } from '../../domain/work-vocabulary';
import { municipalities } from '../../reference';
import { OccupationLookupInput } from '../../services/occupations';
import { createRouter, jsonContent, problems } from '../shared/openapi';

const tags = ['Vocabularies'];
const Term = z.object({ code: z.string(), sv: z.string(), en: z.string() });
const list = <T extends z.ZodType>(item: T, name: string) => z.object({ data: z.array(item) }).openapi(name);
const cache = { 'cache-control': 'public, max-age=3600' };
const Group = z.object({ code: z.string(), label: z.string() });
const OccupationHit = z
  .object({
    label: z.string().openapi({ example: 'Diskare' }),
    kind: z.enum(['occupation', 'group']),
    group: Group.openapi({ description: 'The SSYK 2012 unit group (four digits).' }),
    major: Group.openapi({ description: 'The SSYK 2012 major group (first digit).' }),
  })
  .openapi('OccupationHit');

/** Controlled vocabularies, public (no key needed): clients build forms and labels from them. */
export const vocabulariesRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/vocabularies/adaptations',
      tags,
      summary: 'Functional adaptation codes with Swedish and English labels',
      responses: {
        200: jsonContent(
          list(Term.extend({ group: z.string() }), 'AdaptationVocabulary'),
          'Adaptation codes',
        ),
      },
    }),
    (c) =>
      c.json(
        { data: adaptationVocabulary.map(({ code, group, sv, en }) => ({ code, group, sv, en })) },
        200,
        cache,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/vocabularies/slot-kinds',
      tags,
      summary: 'Kinds of slot',
      responses: { 200: jsonContent(list(Term, 'SlotKindVocabulary'), 'Slot kinds') },
    }),
    (c) => c.json({ data: Object.entries(slotKindLabels).map(([code, l]) => ({ code, ...l })) }, 200, cache),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/vocabularies/subsidies',
      tags,
      summary: 'Support types a slot can combine with (Arbetsförmedlingen)',
      responses: {
        200: jsonContent(list(Term.extend({ conceptId: z.string() }), 'SubsidyVocabulary'), 'Subsidy codes'),
      },
    }),
    (c) => c.json({ data: subsidyVocabulary.map((s) => ({ ...s })) }, 200, cache),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/vocabularies/capacity',
      tags,
      summary: 'Programme kinds and referral sources for work-training capacity',
      responses: {
        200: jsonContent(
          z
            .object({ programmes: z.array(z.string()), referralSources: z.array(z.string()) })
            .openapi('CapacityVocabulary'),
          'Codes',
        ),
      },
    }),
    (c) => c.json({ programmes: [...programmeKinds], referralSources: [...referralSources] }, 200, cache),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/vocabularies/municipalities',
      tags,
      summary: 'The 290 municipalities with codes, county and a default location',
      responses: {
        200: jsonContent(
          list(
            z.object({
              code: z.string(),
              name: z.string(),
              county: z.string(),
              lat: z.number(),
              lon: z.number(),
            }),
            'MunicipalityVocabulary',
          ),
          'Municipalities',
        ),
      },
    }),
    (c) => c.json({ data: [...municipalities] }, 200, cache),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/vocabularies/avoid',
      tags,
      summary:
        'What a participant may want to avoid at work (`avoid` takes a code or the words a coach uses)',
      responses: {
        200: jsonContent(
          list(Term.extend({ phrases: z.array(z.string()) }), 'AvoidVocabulary'),
          'Categories',
        ),
      },
    }),
    (c) =>
      c.json(
        {
          data: avoidVocabulary.map(({ code, sv, en, phrases }) => ({ code, sv, en, phrases: [...phrases] })),
        },
        200,
        cache,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/vocabularies/strengths',
      tags,
      summary:
        'Strengths participants pick, and slots can say they suit (`strengths` takes a code or the words)',
      responses: {
        200: jsonContent(
          list(Term.extend({ phrases: z.array(z.string()) }), 'StrengthVocabulary'),
          'Strengths',
        ),
      },
    }),
    (c) =>
      c.json(
        {
          data: strengthVocabulary.map(({ code, sv, en, phrases }) => ({
            code,
            sv,
            en,
            phrases: [...phrases],
          })),
        },
        200,
        cache,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/vocabularies/occupations',
      tags,
      summary: 'Occupation type-ahead: 3,095 occupation names and the SSYK 2012 unit groups',
      description:
        'Answers from memory (no database): occupation names and unit groups whose words start with what was typed, also typed without å/ä/ö; or groups by code. Each answer names its SSYK unit group, the code slots and search filters use.',
      request: { query: OccupationLookupInput },
      responses: {
        200: jsonContent(list(OccupationHit, 'OccupationLookup'), 'Best first'),
        400: problems()[400]!,
      },
    }),
    (c) => c.json({ data: c.var.services.occupations.lookup(c.req.valid('query')) }, 200, cache),
  );
