import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env';
import { reportCsv } from '../../services/reports/csv';
import type { ProtectedReport } from '../../services/reports/protect';
import { PayoffQuery, PeriodReportQuery, PersonPayoffQuery } from '../../services/reports/schemas';
import { createRouter, problems, security } from '../shared/openapi';
import { csvContent, ReportSchema } from './schemas';

const tags = ['Follow-up reports'];
const who =
  'Coordinators and admins of a provider organization see their organization’s figures (optionally for one handler or municipality); a handler sees their own caseload’s. Counts under 5 people show as "<5", and shares or figures that would reveal them are withheld; a report about fewer than 5 people says so instead of figures. `format=csv` or `Accept: text/csv` gives the same tables as CSV (UTF-8 with BOM).';

/** CSV when asked for by `format=csv`, or by `Accept: text/csv` without `format=json`. */
export function wantsCsv(c: Context<AppEnv>, format: 'json' | 'csv' | undefined) {
  return format === 'csv' || (format !== 'json' && (c.req.header('accept') ?? '').includes('text/csv'));
}

export function csvResponse(c: Context<AppEnv>, body: string, name: string) {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.csv"`,
  });
}

const reportResponses = {
  200: {
    description: 'The report',
    content: { 'application/json': { schema: ReportSchema }, ...csvContent },
  },
  ...problems(403),
};

function answer(c: Context<AppEnv>, q: { format?: 'json' | 'csv'; lang?: 'sv' | 'en' }, r: ProtectedReport) {
  if (wantsCsv(c, q.format)) return csvResponse(c, reportCsv(r, q.lang ?? 'sv'), r.report);
  return c.json(r, 200);
}

export const reportsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/outcomes',
      tags,
      security,
      summary: 'Outcomes: exits by SUS category, time to first steps, placements, milestones',
      description: `Participants active in the period; exits by the five SUS categories with counts and shares, the share to work or studies and to work, studies or job-seeking; days from registration to the first employer contact, the first start and the first competitive job; placements by kind of slot (length, trial-to-hire conversion); by municipality; follow-ups 3, 6 and 12 months after exits and hires. ${who}`,
      request: { query: PeriodReportQuery },
      responses: reportResponses,
    }),
    async (c) => {
      const q = c.req.valid('query');
      return answer(c, q, await c.var.services.reports.outcomes(c.var.actor, q));
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/fidelity',
      tags,
      security,
      summary: 'IPS process figures against the IPS thresholds',
      description: `Every IPS-25 item that recorded events can show, each with its figure, the IPS threshold, whether it is met and how it is computed: caseload per handler (≤ 20), days to the first employer contact (≤ 30), employer contacts per handler per week (≥ 6), diversity of employers and of occupations (SSYK), share of competitive jobs, follow-along (a contact within 3 days of a start, weekly in the first month, continuing monthly and after a hire), zero exclusion, days to the first competitive job, and whether trials lead on to a job or hold it back (the Swedish IPS trial found internships delayed the first competitive job). ${who}`,
      request: { query: PeriodReportQuery },
      responses: reportResponses,
    }),
    async (c) => {
      const q = c.req.valid('query');
      return answer(c, q, await c.var.services.reports.fidelity(c.var.actor, q));
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/payoff',
      tags,
      security,
      summary: 'Socio-economic estimate after Payoff: value released by exits, verkningsgrad, payback',
      description: `After the Payoff model: the value released in the 12 months after by the period's exits to work (for society and for the municipality), against the cost of exclusion in the 12 months before (potential × exits) and the programme's cost (cost per participant × exits); verkningsgrad (value ÷ cost of exclusion), payback time in months, cost per percent of verkningsgrad. Every input is stated in the answer's first table with its source and can be changed per request (benefit before, wage after, rates, programme cost, potential). Exits to work count for the months the 3/6/12-month follow-ups show the person in work. ${who}`,
      request: { query: PayoffQuery },
      responses: reportResponses,
    }),
    async (c) => {
      const q = c.req.valid('query');
      return answer(c, q, await c.var.services.reports.payoff(c.var.actor, q));
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/payoff/person',
      tags,
      security,
      summary: 'The socio-economic calculation for one person, term by term',
      description:
        'From a benefit before (`benefitMonthly`) to full-time work without wage subsidy (`salaryMonthly`): each yearly term (wage, employer contributions, agreed costs, benefit no longer paid, handling freed, municipal tax, the person’s net) with who gains it and how it is computed, and the totals for society and each party. Every assumption is named with its source and can be changed. With the defaults (Payoff’s example: 8,000 kr social assistance → 23,000 kr wage) society gains about 510,000 kr a year and the municipality about 180,000 kr, 60,000 of it tax. A worked example, not data about anyone: any provider role may ask.',
      request: { query: PersonPayoffQuery },
      responses: reportResponses,
    }),
    async (c) => {
      const q = c.req.valid('query');
      return answer(c, q, c.var.services.reports.payoffPerson(c.var.actor, q));
    },
  );
