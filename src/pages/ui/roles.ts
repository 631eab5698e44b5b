/**
 * What the signed-in person's role may change, as the services decide it, so that a page shows only
 * the links and forms that work. Every role may change what its organization works with except the
 * provider's coordinator: coordinators read the caseload and placements and follow results, but
 * register, edit, rank, propose, allocate, issue access codes and record nothing (the participants,
 * matching, placements and participant-access services answer them 403). Logging an employer contact
 * is the exception the employer-contacts service allows them, so that page does not ask this.
 */
import type { Context } from 'hono';
import { forbidden } from '../../lib/problem';
import type { PageEnv } from '../env';

export function mayChange(c: Context<PageEnv>): boolean {
  const role = c.var.session?.actor.role;
  return role !== undefined && role !== 'coordinator';
}

/** For the pages of a form the role may not send (typed in by hand): the forbidden page, not a form that fails. */
export function assertMayChange(c: Context<PageEnv>): void {
  if (!mayChange(c)) throw forbidden('Your role reads but does not change this.');
}
