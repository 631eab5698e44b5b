/**
 * Authorization rules in one place. Services call these before touching data; each throws the
 * problem the API answers with. The rules, in short:
 * - the platform admin (ADMIN_API_KEY) manages organizations and keys, and reads the registry, but
 *   never participant data;
 * - employers and social enterprises manage their own sites, supervisors, slots (and capacity);
 * - providers (SE handlers' organizations) read the whole registry; employers see only their own;
 * - participants are visible only inside the provider organization that registered them: handlers
 *   and the organization's admin write, coordinators read.
 * Things another organization may not see answer 404, so ids do not leak what exists.
 */
import type { OrganizationKind, Role } from '../../db/schema';
import { forbidden, notFound } from '../lib/problem';
import type { Actor, Member } from './actor';

export const isPlatform = (a: Actor): a is Exclude<Actor, Member> => a.kind === 'platform';
export const isMemberOf = (a: Actor, organizationId: string): a is Member =>
  a.kind === 'member' && a.organizationId === organizationId;
export const isProvider = (a: Actor) => a.kind === 'member' && a.organizationKind === 'provider';

/** Organization-level administration: the platform, or the organization's own admin. */
export function assertOrgAdmin(a: Actor, organizationId: string) {
  if (isPlatform(a) || (isMemberOf(a, organizationId) && a.role === 'admin')) return;
  assertCanSeeOrganization(a, organizationId);
  throw forbidden('Only an admin of this organization may do this.');
}

/** Providers see every organization (they search the whole registry); others see their own. */
export const canSeeOrganization = (a: Actor, organizationId: string) =>
  isPlatform(a) || isProvider(a) || isMemberOf(a, organizationId);

export function assertCanSeeOrganization(a: Actor, organizationId: string) {
  if (!canSeeOrganization(a, organizationId)) throw notFound('Organization', organizationId);
}

/** May the caller see this organization's registry entries (sites, supervisors, slots, capacity)? */
export const canSeeRegistryOf = (a: Actor, organizationId: string) =>
  isPlatform(a) || isProvider(a) || isMemberOf(a, organizationId);

export function assertCanSeeRegistry(a: Actor, organizationId: string, what: string, id: string) {
  if (!canSeeRegistryOf(a, organizationId)) throw notFound(what, id);
}

/**
 * May the caller change this organization's registry entries? Its own admin, employer or enterprise
 * roles; the platform admin too (support work). Providers can see but not change: 403.
 */
export function assertCanManageRegistry(
  a: Actor,
  organizationId: string,
  what: string,
  id?: string,
): asserts a is Actor {
  if (isPlatform(a)) return;
  if (isMemberOf(a, organizationId) && ['admin', 'employer', 'enterprise'].includes(a.role)) return;
  if (canSeeRegistryOf(a, organizationId))
    throw forbidden(`You may read but not change this ${what.toLowerCase()}.`);
  throw notFound(what, id);
}

/** The organization whose registry a create request writes to: the caller's own, or chosen by the platform. */
export function registryOwnerFor(
  a: Actor,
  requested: string | undefined,
  allowedKinds: readonly OrganizationKind[],
): string {
  if (a.kind === 'platform') {
    if (!requested) throw forbidden('The platform admin must name organizationId.');
    return requested;
  }
  if (requested && requested !== a.organizationId)
    throw forbidden('You can only create entries for your own organization.');
  if (!allowedKinds.includes(a.organizationKind) || !['admin', 'employer', 'enterprise'].includes(a.role))
    throw forbidden(`Only ${allowedKinds.join(' or ')} organizations can create this.`);
  return a.organizationId;
}

/** Participant data: only inside the provider organization; handlers and admins write, coordinators read. */
export function assertParticipantAccess(
  a: Actor,
  organizationId: string,
  mode: 'read' | 'write',
  id?: string,
): asserts a is Member {
  if (!isMemberOf(a, organizationId)) throw notFound('Participant', id);
  const allowed = mode === 'read' ? ['admin', 'coordinator', 'handler'] : ['admin', 'handler'];
  if (!allowed.includes(a.role)) throw forbidden(`The ${a.role} role may not ${mode} participants.`);
}

export function assertProviderRole(
  a: Actor,
  roles: readonly Member['role'][],
  action: string,
): asserts a is Member {
  if (a.kind !== 'member' || a.organizationKind !== 'provider')
    throw forbidden(`Only SE provider organizations may ${action}.`);
  if (!roles.includes(a.role)) throw forbidden(`The ${a.role} role may not ${action}.`);
}

/**
 * The organization a registry list is limited to: employers and enterprises always see only their
 * own; providers and the platform see all, or the one they ask for.
 */
export function registryScope(a: Actor, requested: string | undefined): string | undefined {
  if (isPlatform(a) || isProvider(a)) return requested;
  return (a as Member).organizationId;
}

/**
 * The roles whose keys each role may issue and revoke: never one with a right the manager lacks, so
 * nobody can raise their own rights (or take away those of someone above them). An admin holds every
 * right of the organization. A coordinator reads participants and manages keys but does not write
 * participants, so handler keys (which write participants) and admin keys are beyond them: a
 * coordinator cannot issue themselves write access under another address.
 */
const keyRolesManagedBy: Partial<Record<Role, readonly Role[]>> = {
  admin: ['admin', 'coordinator', 'handler', 'employer', 'enterprise'],
  coordinator: ['coordinator'],
};

/** May the caller manage this organization's keys (and, given a role, keys of that role)? */
export function assertKeyManager(a: Actor, organizationId: string, role?: Role) {
  if (isPlatform(a)) return;
  assertCanSeeOrganization(a, organizationId);
  if (!isMemberOf(a, organizationId)) throw forbidden('Only the organization’s own people manage its keys.');
  const managed = keyRolesManagedBy[a.role];
  if (!managed) throw forbidden('Only an admin or coordinator of this organization manages its keys.');
  if (role && !managed.includes(role))
    throw forbidden(
      `A ${a.role} cannot issue or revoke ${role} keys: that role has rights a ${a.role} lacks.`,
    );
}
