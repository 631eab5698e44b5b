import type { OrganizationKind, Role } from '../../db/schema';

/**
 * Who is calling. The operator's ADMIN_API_KEY acts as the platform; every other key belongs to a
 * named person (a user) in one organization, with one role.
 */
export type Actor =
  | { kind: 'platform'; role: 'admin'; userId: null; organizationId: null; organizationKind: null }
  | {
      kind: 'member';
      role: Role;
      userId: string;
      organizationId: string;
      organizationKind: OrganizationKind;
      keyId: string;
    };

export type Member = Extract<Actor, { kind: 'member' }>;

export const platformActor: Actor = {
  kind: 'platform',
  role: 'admin',
  userId: null,
  organizationId: null,
  organizationKind: null,
};

/** Which roles a person may have in each kind of organization. */
export const rolesByOrganizationKind: Record<OrganizationKind, readonly Role[]> = {
  employer: ['admin', 'employer'],
  social_enterprise: ['admin', 'enterprise'],
  provider: ['admin', 'coordinator', 'handler'],
};
