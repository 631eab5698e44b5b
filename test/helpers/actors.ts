/**
 * The cast of the authorization matrices: every role of every kind of organization, with a second
 * employer and a second provider to play "another organization".
 */
import { ADMIN_KEY } from './app';
import type { Api } from './call';
import { createOrganization, issueKey } from './factories';

export const actorNames = [
  'platform',
  'empA.admin',
  'empA.employer',
  'empB.employer',
  'ent.enterprise',
  'prov.admin',
  'prov.coordinator',
  'prov.handler',
  'prov2.handler',
] as const;
export type ActorName = (typeof actorNames)[number];
/** Expected status per actor; an actor left out is not tried. */
export type Cell = Partial<Record<ActorName, number>>;

/** The same status for the named actors. */
export const cell = (status: number, ...who: ActorName[]): Cell =>
  Object.fromEntries(who.map((a) => [a, status]));
/** The same status for every actor. */
export const everyone = (status: number): Cell => cell(status, ...actorNames);

export async function createActors(t: Api) {
  const orgs = {
    empA: await createOrganization(t, 'employer'),
    empB: await createOrganization(t, 'employer'),
    ent: await createOrganization(t, 'social_enterprise'),
    prov: await createOrganization(t, 'provider'),
    prov2: await createOrganization(t, 'provider'),
  };
  const users = {
    'empA.admin': await issueKey(t, orgs.empA.id, 'admin'),
    'empA.employer': await issueKey(t, orgs.empA.id, 'employer'),
    'empB.employer': await issueKey(t, orgs.empB.id, 'employer'),
    'ent.enterprise': await issueKey(t, orgs.ent.id, 'enterprise'),
    'prov.admin': await issueKey(t, orgs.prov.id, 'admin'),
    'prov.coordinator': await issueKey(t, orgs.prov.id, 'coordinator'),
    'prov.handler': await issueKey(t, orgs.prov.id, 'handler'),
    'prov2.handler': await issueKey(t, orgs.prov2.id, 'handler'),
  };
  const keys = { platform: ADMIN_KEY } as Record<ActorName, string>;
  for (const [name, u] of Object.entries(users)) keys[name as ActorName] = u.key;
  return { orgs, users, keys };
}

/**
 * The routes test/placements/authorization.test.ts covers (each cell there needs a fresh placement);
 * test/registry/authorization-matrix.test.ts covers every other documented route.
 */
export const placementMatrixRoutes = [
  'POST /v1/placements',
  'GET /v1/placements',
  'GET /v1/placements/{id}',
  ...['accept', 'decline', 'withdraw', 'start', 'end', 'hours', 'check-ins', 'meetings'].map(
    (a) => `POST /v1/placements/{id}/${a}`,
  ),
  'PUT /v1/placements/{id}/consent',
  'GET /v1/placements/{id}/agreement',
  'PUT /v1/placements/{id}/agreement',
  'POST /v1/placements/{id}/agreement/approve',
  'GET /v1/audit',
  'GET /v1/participants/{id}/export',
  'DELETE /v1/participants/{id}',
  'POST /v1/employer-contacts',
  'GET /v1/organizations/{id}/contacts',
];

/**
 * Names the documented route (`METHOD /template`) a request path falls under, given the OpenAPI
 * document's paths; a literal segment wins over a parameter (`/v1/slots/search` over `/v1/slots/{id}`).
 */
export function routeNamer(documentedPaths: string[]) {
  const templates = documentedPaths
    .map((template) => ({
      template,
      params: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
    }))
    .sort((a, b) => a.params - b.params);
  return (method: string, path: string) => {
    const bare = path.split('?')[0]!;
    const found = templates.find((t) => t.pattern.test(bare));
    return `${method.toUpperCase()} ${found?.template ?? bare}`;
  };
}
