/**
 * Follow-up reports for coordinators and funders, computed from recorded events only. Each verb:
 * scope (who may see what, scope.ts) → thin loaders (facts.ts, SQL aggregates) → a pure report
 * (outcomes.ts, fidelity.ts, supply.ts, payoff/) → protect (protect.ts: no one recognisable) →
 * JSON, or CSV (csv.ts). Pages render the same protected report.
 */

import type { Actor } from '../../auth/actor';
import { localDate } from '../../lib/local-time';
import type { ServiceContext } from '../context';
import { milestoneFacts, participantFacts, placementFacts } from './facts';
import { fidelityReport } from './fidelity';
import { caseloads, contactsPerUser, followAlongFacts } from './fidelity-facts';
import { outcomesReport } from './outcomes';
import { protect } from './protect';
import { type PeriodReportQuery, periodOf } from './schemas';
import { reportScope } from './scope';

export function reportService(ctx: ServiceContext) {
  const { db } = ctx;

  async function outcomes(actor: Actor, q: PeriodReportQuery) {
    const scope = reportScope(actor, q);
    const now = ctx.now();
    const today = localDate(now);
    const period = periodOf(q, today);
    const participants = await participantFacts(db, scope, period.to);
    const placements = await placementFacts(db, scope, period);
    const milestones = await milestoneFacts(db, scope, period);
    return protect(outcomesReport({ scope, period, now, today, participants, placements, milestones }));
  }

  async function fidelity(actor: Actor, q: PeriodReportQuery) {
    const scope = reportScope(actor, q);
    const now = ctx.now();
    const today = localDate(now);
    const period = periodOf(q, today);
    return protect(
      fidelityReport({
        scope,
        period,
        now,
        today,
        participants: await participantFacts(db, scope, period.to),
        placements: await placementFacts(db, scope, period),
        caseloads: await caseloads(db, scope),
        contacts: await contactsPerUser(db, scope, period),
        followAlong: await followAlongFacts(db, scope, period, today),
        milestones: await milestoneFacts(db, scope, period),
      }),
    );
  }

  return { outcomes, fidelity };
}

export type ReportService = ReturnType<typeof reportService>;
export type { ProtectedReport } from './protect';
