/**
 * Who may see and move a placement. Two sides take part: the provider organization of the
 * participant and the employer organization of the slot. Anyone else gets 404, so placement ids do
 * not reveal what exists; a role of the right side that may not act gets 403.
 */
import type { Role } from '../../../db/schema';
import type { Actor, Member } from '../../auth/actor';
import { isMemberOf } from '../../auth/policy';
import { forbidden, notFound } from '../../lib/problem';
import type { Side } from './states';

const roles: Record<'read' | 'write', Record<Side, readonly Role[]>> = {
  read: { provider: ['admin', 'coordinator', 'handler'], employer: ['admin', 'employer', 'enterprise'] },
  write: { provider: ['admin', 'handler'], employer: ['admin', 'employer', 'enterprise'] },
};

interface Parties {
  id: string;
  providerOrganizationId: string;
  employerOrganizationId: string;
}

export function sideOf(actor: Actor, p: Parties): Side | null {
  if (isMemberOf(actor, p.providerOrganizationId)) return 'provider';
  if (isMemberOf(actor, p.employerOrganizationId)) return 'employer';
  return null;
}

/** The caller's side of the placement, or the problem to answer with. */
export function assertPlacementAccess(
  actor: Actor,
  p: Parties,
  mode: 'read' | 'write',
  sides: readonly Side[] = ['provider', 'employer'],
): { side: Side; actor: Member } {
  const side = sideOf(actor, p);
  if (!side) throw notFound('Placement', p.id);
  const member = actor as Member;
  if (!sides.includes(side))
    throw forbidden(
      side === 'employer'
        ? 'Only the participant’s provider organization may do this.'
        : 'Only the slot’s employer organization may do this.',
    );
  if (!roles[mode][side].includes(member.role))
    throw forbidden(`The ${member.role} role may not ${mode === 'read' ? 'read' : 'change'} placements.`);
  return { side, actor: member };
}

/** Roles that can act for each side, for list scoping. */
export const readRoles = roles.read;
