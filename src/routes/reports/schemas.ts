/** The answer of every report: protected tables, self-describing (labels in Swedish and English). */
import { z } from '@hono/zod-openapi';

export const LabelSchema = z.object({ sv: z.string(), en: z.string() }).openapi('Label');

const units = ['days', 'kr', 'percent', 'hours', 'per_week', 'months', 'ratio', 'people'] as const;

const Column = z
  .object({
    id: z.string(),
    label: LabelSchema,
    kind: z.enum(['people', 'count', 'share', 'measure', 'number', 'text']).openapi({
      description:
        '`people`: a count of people (under 5: "<5"); `count`: things; `share`: a fraction 0–1 of `share.of` over `share.per`; `measure`: a median or rate over the people in `basis`; `number`, `text`.',
    }),
    unit: z.enum(units).optional(),
    share: z
      .object({ of: z.string(), per: z.object({ column: z.string(), row: z.string().optional() }) })
      .optional(),
    basis: z.string().optional(),
  })
  .openapi('ReportColumn');

const Cell = z.union([z.number(), z.string(), LabelSchema, z.null()]).openapi({
  description:
    'A figure; "<5" for a count of fewer than 5 people; null when withheld so that no one can be recognised.',
});

const Table = z
  .object({
    id: z.string(),
    title: LabelSchema,
    description: LabelSchema.optional(),
    columns: z.array(Column),
    rows: z.array(
      z.object({
        key: z.string(),
        label: LabelSchema,
        unit: z.enum(units).optional(),
        cells: z.record(z.string(), Cell),
      }),
    ),
    chart: z
      .object({
        kind: z.literal('bars'),
        value: z.string(),
        rows: z.array(z.string()).optional(),
        threshold: z.string().optional(),
      })
      .optional(),
  })
  .openapi('ReportTable');

export const ReportSchema = z
  .object({
    report: z.string(),
    title: LabelSchema,
    period: z.object({ from: z.string(), to: z.string() }).optional(),
    scope: z.object({
      providerId: z.string(),
      handlerId: z.string().optional(),
      municipalityCode: z.string().optional(),
    }),
    population: z
      .union([z.number(), z.literal('<5')])
      .openapi({ description: 'People the report is about.' }),
    withheld: z
      .boolean()
      .openapi({ description: 'True when fewer than 5 people: no tables, a message instead.' }),
    message: LabelSchema.optional(),
    generatedAt: z.string(),
    tables: z.array(Table),
    notes: z.array(LabelSchema),
  })
  .openapi('Report');

export const csvContent = {
  'text/csv': {
    schema: z
      .string()
      .openapi({ description: 'The same tables as CSV: UTF-8 with BOM; `;` and decimal comma in Swedish.' }),
  },
};

export const SusExportSchema = z
  .object({
    report: z.literal('sus_export'),
    period: z.object({ from: z.string(), to: z.string() }),
    scope: z.object({
      providerId: z.string(),
      handlerId: z.string().optional(),
      municipalityCode: z.string().optional(),
    }),
    generatedAt: z.string(),
    columns: z.array(z.object({ id: z.string(), name: z.string(), description: LabelSchema })).openapi({
      description: 'Each column: its id in `rows`, its SUS header (the CSV header) and what it holds.',
    }),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  })
  .openapi('SusExport');
