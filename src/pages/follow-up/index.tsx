/**
 * The coordinator's follow-up pages: each report (outcomes, IPS process figures, supply and demand,
 * the socio-economic estimate and one person's calculation) with its charts and tables, filtered by
 * period, handler and municipality through a plain GET form, and each as a CSV download; the SUS
 * export as CSV. The filters are validated with the reports service's own schemas, and the pages
 * show exactly the protected report the API answers.
 */
import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { reportCsv, rowsCsv } from '../../services/reports/csv';
import {
  PayoffQuery,
  PeriodReportQuery,
  PersonPayoffQuery,
  SupplyQuery,
  SusExportQuery,
} from '../../services/reports/schemas';
import type { PageEnv } from '../env';
import { requireSignIn, signedIn } from '../session';
import { fieldErrors } from '../ui/validate';
import { indexPage, type ReportKind, reportKinds, reportPage } from './view';

const schemas = {
  outcomes: PeriodReportQuery,
  fidelity: PeriodReportQuery,
  supply: SupplyQuery,
  payoff: PayoffQuery,
  person: PersonPayoffQuery,
} satisfies Record<ReportKind, z.ZodType>;

const isKind = (k: string): k is ReportKind => reportKinds.some((x) => x === k);

/** The query without empty fields (a form sends every field) and without `format`. */
function filterValues(c: Context<PageEnv>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.query())) if (v !== '' && k !== 'format') out[k] = v;
  return out;
}

async function run(c: Context<PageEnv>, kind: ReportKind, values: Record<string, string>) {
  const { actor } = signedIn(c);
  const reports = c.var.services.reports;
  switch (kind) {
    case 'outcomes':
    case 'fidelity': {
      const q = schemas[kind].safeParse(values);
      if (!q.success) return { error: q.error };
      return { report: await reports[kind](actor, q.data) };
    }
    case 'supply': {
      const q = schemas.supply.safeParse(values);
      return q.success ? { report: await reports.supply(actor, q.data) } : { error: q.error };
    }
    case 'payoff': {
      const q = schemas.payoff.safeParse(values);
      return q.success ? { report: await reports.payoff(actor, q.data) } : { error: q.error };
    }
    case 'person': {
      const q = schemas.person.safeParse(values);
      return q.success ? { report: reports.payoffPerson(actor, q.data) } : { error: q.error };
    }
  }
}

const csv = (c: Context<PageEnv>, body: string, name: string) =>
  c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.csv"`,
  });

export const followUpRouter = new Hono<PageEnv>()
  .use('/follow-up', requireSignIn)
  .use('/follow-up/*', requireSignIn)
  .get('/follow-up', (c) => {
    const { actor } = signedIn(c);
    if (actor.organizationKind !== 'provider') return c.notFound();
    return indexPage(c);
  })
  .get('/follow-up/sus-export/csv', async (c) => {
    const q = SusExportQuery.safeParse(filterValues(c));
    if (!q.success) return c.text(q.error.issues.map((i) => i.message).join('\n'), 400);
    const r = await c.var.services.reports.susExport(signedIn(c).actor, q.data);
    const cells = r.rows.map((row) =>
      r.columns.map((col) => (row[col.id] === null ? null : String(row[col.id]))),
    );
    const body = rowsCsv(
      r.columns.map((col) => col.name),
      cells,
      c.var.lang,
    );
    return csv(c, body, `sus-${r.period.from}-${r.period.to}`);
  })
  .get('/follow-up/:report/csv', async (c) => {
    const kind = c.req.param('report');
    if (!isKind(kind)) return c.notFound();
    const out = await run(c, kind, filterValues(c));
    if (!('report' in out) || !out.report) return c.text(c.var.t.followUp.withheld, 400);
    return csv(c, reportCsv(out.report, c.var.lang), out.report.report);
  })
  .get('/follow-up/:report', async (c) => {
    const kind = c.req.param('report');
    if (!isKind(kind)) return c.notFound();
    const values = filterValues(c);
    const [out, choices] = await Promise.all([
      run(c, kind, values),
      c.var.services.reports.choices(signedIn(c).actor),
    ]);
    return reportPage(c, {
      kind,
      values,
      choices,
      errors: 'error' in out && out.error ? fieldErrors(out.error, c.var.t) : {},
      report: 'report' in out && out.report ? out.report : null,
      csvQuery: new URLSearchParams(values).toString(),
    });
  });
