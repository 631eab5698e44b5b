/** What the reports take: whose figures, which period, which format; the payoff's adjustable inputs. */
import { z } from '@hono/zod-openapi';
import { IsoDate, ids, MunicipalityCode } from '../../domain/fields';
import { addDays, addMonths } from '../../lib/local-time';

export const ReportFormat = z.object({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({ description: '`csv` (or `Accept: text/csv`): UTF-8 with BOM for Excel.' }),
  lang: z
    .enum(['sv', 'en'])
    .optional()
    .openapi({ description: 'Language of the CSV (labels, separators): `sv` (default) or `en`.' }),
});

export const ReportScopeQuery = z.object({
  providerId: ids('org').optional().openapi({ description: 'Your own provider organization (the default).' }),
  handlerId: ids('usr').optional().openapi({
    description: 'One handler’s caseload (coordinators, admins); a handler always sees their own.',
  }),
  municipalityCode: MunicipalityCode.optional().openapi({ description: 'Participants of one municipality.' }),
});

const periodFields = {
  from: IsoDate.optional().openapi({
    description: 'First day of the period; 12 months before `to` by default.',
  }),
  to: IsoDate.optional().openapi({ description: 'Last day of the period; today by default.' }),
};

const fromBeforeTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const fromBeforeToIssue = { message: 'must not be after `to`', path: ['from'] };

const periodScope = ReportScopeQuery.extend(periodFields).extend(ReportFormat.shape);

export const PeriodReportQuery = periodScope.refine(fromBeforeTo, fromBeforeToIssue);
export type PeriodReportQuery = z.infer<typeof PeriodReportQuery>;

export const SupplyQuery = ReportScopeQuery.extend(ReportFormat.shape);
export type SupplyQuery = z.infer<typeof SupplyQuery>;

export const SusExportQuery = PeriodReportQuery;
export type SusExportQuery = z.infer<typeof SusExportQuery>;

const kr = (description: string, example: number) =>
  z.coerce.number().min(0).max(10_000_000).optional().openapi({ description, example });
const rate = (description: string) => z.coerce.number().min(0).max(1).optional().openapi({ description });

/** Every assumption of the payoff model can be changed per request (defaults and sources: payoff/model.ts). */
export const PayoffAssumptionsQuery = z.object({
  benefitMonthly: kr('Benefit before, per month (social assistance by default).', 8000),
  benefitPayer: z.enum(['municipality', 'state']).optional().openapi({
    description: 'Who paid the benefit before: the municipality (social assistance) or the state.',
  }),
  salaryMonthly: kr('Monthly wage after, full-time unsubsidized work.', 23000),
  employerContributionRate: rate('Statutory employer contributions on the wage (arbetsgivaravgifter).'),
  agreementCostRate: rate('Collectively agreed costs on the wage (pension, insurance).'),
  municipalTaxRate: rate('The municipality’s share of the income tax on the wage.'),
  handlingMonthly: kr(
    'The municipality’s cost of handling the benefit, per month, freed when it stops.',
    2000,
  ),
  wageSubsidyRate: rate('Share of the wage cost the state pays in subsidized work (lönebidrag).'),
  countBenefitForSociety: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({
      description:
        'Count the benefit no longer paid as value to society (Payoff does; `false`: welfare economics, a transfer).',
    }),
});
export type PayoffAssumptionsQuery = z.infer<typeof PayoffAssumptionsQuery>;

export const PersonPayoffQuery = PayoffAssumptionsQuery.extend(ReportFormat.shape);
export type PersonPayoffQuery = z.infer<typeof PersonPayoffQuery>;

export const PayoffQuery = periodScope
  .extend(PayoffAssumptionsQuery.shape)
  .extend({
    costPerParticipant: kr('Programme cost per participant (Payoff’s database: about 80,000 kr).', 80000),
    potentialYearly: kr(
      'Yearly cost of exclusion per person, the 12 months before (Payoff: about 600,000 kr).',
      600000,
    ),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);
export type PayoffQuery = z.infer<typeof PayoffQuery>;

/** The period asked for, with its defaults: the 12 months up to today. */
export function periodOf(q: { from?: string; to?: string }, today: string) {
  const to = q.to ?? today;
  return { from: q.from ?? addDays(addMonths(to, -12), 1), to };
}
