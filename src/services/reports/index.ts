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
import { payoffExits } from './payoff/facts';
import { assumptionsOf } from './payoff/model';
import { personPayoffReport } from './payoff/person';
import { DEFAULT_PROGRAMME, payoffReport } from './payoff/report';
import { protect } from './protect';
import { type PayoffQuery, type PeriodReportQuery, type PersonPayoffQuery, periodOf } from './schemas';
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

  /** The socio-economic estimate over the period's exits, with every input adjustable. */
  async function payoff(actor: Actor, q: PayoffQuery) {
    const scope = reportScope(actor, q);
    const period = periodOf(q, localDate(ctx.now()));
    return protect(
      payoffReport({
        scope,
        period,
        now: ctx.now(),
        exits: await payoffExits(db, scope, period),
        assumptions: assumptionsOf(q),
        programme: {
          costPerParticipant: q.costPerParticipant ?? DEFAULT_PROGRAMME.costPerParticipant,
          potentialYearly: q.potentialYearly ?? DEFAULT_PROGRAMME.potentialYearly,
        },
      }),
    );
  }

  /** One person's calculation, term by term: a worked example, no data read. */
  function payoffPerson(actor: Actor, q: PersonPayoffQuery) {
    const scope = reportScope(actor, {});
    return personPayoffReport(assumptionsOf(q), scope.providerId, ctx.now());
  }

  return { outcomes, fidelity, payoff, payoffPerson };
}

export type ReportService = ReturnType<typeof reportService>;
export type { ProtectedReport } from './protect';
