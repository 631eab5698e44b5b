/**
 * The main pages of each kind of person on the demo data, for the page bench (bench/pages.ts) and
 * the page-weight test (test/pages/weight.test.ts): an app over a fresh libSQL file seeded with the
 * demo, a started placement with hours, a check-in and an employer contact, and a signed-in
 * browser stand-in (cookies, CSRF token) per person. Requests go through `app.request`: the whole
 * Hono stack without a socket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateLibsql, openLibsql } from '../../src/adapters/db/libsql';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { seedDemo } from '../../src/demo/seed';
import { silentLogger } from '../../src/lib/logger';
import { typedCall } from '../../test/helpers/call';
import { agreed } from '../../test/placements/helpers';

const ORIGIN = 'http://localhost';
type App = ReturnType<typeof createApp>;

/** A signed-in visitor: keeps the cookies, sends the page's CSRF token with a form. */
export function visitor(app: App) {
  const jar = new Map<string, string>();
  let token = '';
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [name, value] = line.split(';')[0]!.split('=');
      if (value) jar.set(name!.trim(), value.trim());
    }
  };
  async function get(path: string) {
    const res = await app.request(`${ORIGIN}${path}`, { headers: { accept: 'text/html', cookie: cookie() } });
    keep(res);
    const html = await res.text();
    token = /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? token;
    return { status: res.status, html, type: res.headers.get('content-type') ?? '' };
  }
  async function post(path: string, fields: Record<string, string>) {
    const body = new URLSearchParams({ _csrf: token, ...fields });
    const res = await app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: cookie() },
      body: body.toString(),
    });
    keep(res);
    return res.status;
  }
  return { get, post };
}

/** JSON through the API with a key (only to set the scene); `T` is the shape the route documents. */
async function api<T = { id: string }>(app: App, key: string, method: string, path: string, body?: unknown) {
  const res = await app.request(`${ORIGIN}/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // The route's documented answer (the API's own tests check its shape).
  return (await res.json()) as T;
}

export interface TourStop {
  who: 'handler' | 'employer' | 'coordinator';
  path: string;
}

/** The demo, a placement under way and a contact; the pages each person uses most. */
export async function pageTour() {
  const dir = mkdtempSync(join(tmpdir(), 'se-page-tour-'));
  const database = await openLibsql(`file:${join(dir, 'tour.db')}`);
  await migrateLibsql(database);
  const config = loadConfig({
    NODE_ENV: 'test',
    ADMIN_API_KEY: 'tour-admin-key-0123456789abcdef',
    LOG_LEVEL: 'silent',
  });
  // As `npm start` runs it: matching over the resident slot index (src/entry/node.ts).
  const app = createApp({ config, db: database.db, logger: silentLogger, matchingSlots: 'resident' });
  const keys = await seedDemo(app.services);
  // Every task the demo queued (a drain takes one batch), so the search pages see the whole index.
  while ((await app.drainOutbox()).claimed > 0);
  const key = (person: string) => keys.find((k) => k.person === person)!;
  const anna = key('Anna Lind').key;

  const participant = (await api<{ data: { id: string }[] }>(app, anna, 'GET', '/participants?handlerId=me'))
    .data[0]!;
  const matches = await api<{ data: { slotId: string }[] }>(
    app,
    anna,
    'GET',
    `/participants/${participant.id}/matches`,
  );
  const slotId = matches.data[0]!.slotId;
  const capacity = await api<{ data: { id: string }[] }>(app, anna, 'GET', '/capacity');
  const capacityId = capacity.data[0]!.id;
  const placement = await api(app, anna, 'POST', '/placements', {
    participantId: participant.id,
    slotId,
    disclose: ['strengths', 'hoursPerWeek'],
  });
  const slot = await api<{ organizationId: string }>(app, anna, 'GET', `/slots/${slotId}`);
  const organization = await api<{ name: string }>(app, anna, 'GET', `/organizations/${slot.organizationId}`);
  const employer = keys.find((k) => k.organization === organization.name);
  if (!employer) throw new Error(`no demo key for ${organization.name}`);
  await api(app, employer.key, 'POST', `/placements/${placement.id}/accept`, {});
  // A placement starts once all three approved its agreement (as the placement tests do it).
  const call = typedCall(
    (path, init) => Promise.resolve(app.request(path, init)),
    'tour-admin-key-0123456789abcdef',
  );
  await agreed({ call }, { provider: anna, employer: employer.key }, placement.id);
  await api(app, anna, 'POST', `/placements/${placement.id}/start`, {});
  const monday = new Date();
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  await api(app, anna, 'POST', `/placements/${placement.id}/hours`, {
    weekStart: monday.toISOString().slice(0, 10),
    hours: 6,
  });
  const today = new Date().toISOString().slice(0, 10);
  await api(app, anna, 'POST', `/placements/${placement.id}/check-ins`, {
    date: today,
    with: 'participant',
    note: 'Trivs bra',
  });
  await api(app, anna, 'POST', '/employer-contacts', {
    employerOrganizationId: slot.organizationId,
    date: today,
    channel: 'visit',
    outcome: 'Kan ta emot en till',
    nextStep: 'Ring om startdatum',
    nextStepDate: today,
  });

  const people: Record<'handler' | 'employer' | 'coordinator', ReturnType<typeof visitor>> = {
    handler: visitor(app),
    employer: visitor(app),
    coordinator: visitor(app),
  };
  for (const [who, k] of [
    ['handler', anna],
    ['employer', employer.key],
    ['coordinator', key('Eva Berg').key],
  ] as const) {
    await people[who].get('/');
    const status = await people[who].post('/sign-in/key', { key: k, next: '/' });
    if (status !== 303) throw new Error(`sign-in of ${who} answered ${status}`);
  }

  const stops: TourStop[] = [
    { who: 'handler', path: '/' },
    { who: 'handler', path: '/participants' },
    { who: 'handler', path: `/participants/${participant.id}` },
    { who: 'handler', path: `/participants/${participant.id}/edit` },
    { who: 'handler', path: '/participants/new' },
    { who: 'handler', path: '/search' },
    { who: 'handler', path: `/search?q=lager&from=${participant.id}` },
    { who: 'handler', path: '/search?listing=capacity&municipalityCode=0126&municipalityCode=0180' },
    { who: 'handler', path: `/capacity/${capacityId}` },
    { who: 'handler', path: `/participants/${participant.id}/capacity` },
    { who: 'handler', path: `/slots/${slotId}` },
    { who: 'handler', path: `/slots/${slotId}/candidates` },
    { who: 'handler', path: '/allocate' },
    { who: 'handler', path: '/placements' },
    { who: 'handler', path: `/placements/${placement.id}` },
    { who: 'handler', path: '/employers' },
    { who: 'handler', path: `/employers/${slot.organizationId}` },
    { who: 'handler', path: '/follow-ups' },
    { who: 'handler', path: '/account' },
    { who: 'coordinator', path: '/' },
    { who: 'employer', path: '/' },
    { who: 'employer', path: '/slots' },
    { who: 'employer', path: `/slots/${slotId}` },
    { who: 'employer', path: '/slots/new' },
    { who: 'employer', path: `/slots/${slotId}/edit` },
    { who: 'employer', path: '/supervisors' },
    { who: 'employer', path: '/placements' },
    { who: 'employer', path: `/placements/${placement.id}` },
  ];
  return {
    app,
    stops,
    people,
    async close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The stylesheet and script every page loads (their URLs are the same on every page). */
export async function assetBytes(app: App, html: string) {
  let total = 0;
  for (const m of html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)) {
    const res = await app.request(`${ORIGIN}${m[1]!.replaceAll('&amp;', '&')}`);
    total += (await res.arrayBuffer()).byteLength;
  }
  return total;
}
