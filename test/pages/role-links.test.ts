/**
 * Pages show people only what they can use. A coordinator reads the caseload, participants and
 * placements but may not register, edit, rank, propose, allocate, issue access codes or record on a
 * placement (the services answer 403), so no link or form leads there. Each role's pages are crawled
 * from the start page: no link answers 403, and every form on them is one the role may send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { issueKey } from '../helpers/factories';
import { agreed, moved, placementWorld, propose, type World } from '../placements/helpers';
import { pageClient } from './client';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await placementWorld(t, { capacity: 3, maxParticipants: 3 });
  const placement = (await propose(t, w)).body;
  await moved(t, w.employer.key, placement.id, 'accept');
  await agreed(t, { provider: w.provider.key, employer: w.employer.key }, placement.id);
  await moved(t, w.provider.key, placement.id, 'start', {});
  await t.app.drainOutbox();
});
afterAll(() => t.close());

const skip = /^\/(lang\/|sign-out|assets\/|docs|openapi|v1\/|me\/|follow-up\/)/;

/** Every page reachable by links from the start page (same site, GET), and the forms found on them. */
async function crawl(key: string, o: { skip?: RegExp } = {}, limit = 60) {
  const browser = pageClient(t);
  await browser.signInWithKey(key);
  const status = new Map<string, number>();
  const forms = new Set<string>();
  const queue = ['/'];
  while (queue.length > 0 && status.size < limit) {
    const path = queue.shift()!;
    if (status.has(path)) continue;
    const res = await browser.get(path);
    status.set(path, res.status);
    for (const m of res.html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]+)"/g))
      forms.add(m[1]!.replace(/[a-z]{3}_[0-9A-Z]{26}/g, ':id'));
    for (const m of res.html.matchAll(/<a[^>]* href="(\/[^"#]*)/g)) {
      const href = m[1]!.replaceAll('&amp;', '&');
      if (!skip.test(href) && !o.skip?.test(href) && !status.has(href)) queue.push(href);
    }
  }
  const pages = [...status.keys()].map((p) => p.replace(/[a-z]{3}_[0-9A-Z]{26}/g, ':id'));
  const refused = [...status].filter(([, s]) => s >= 400);
  return { pages, forms: [...forms].sort(), refused, browser };
}

describe('links and forms per role', () => {
  it('a handler reaches registering, editing, proposing, allocating, candidates and the placement forms', async () => {
    const { pages, forms, refused } = await crawl(w.provider.key);
    expect(refused).toEqual([]);
    for (const p of [
      '/participants/new',
      '/allocate',
      '/participants/:id/edit',
      '/participants/:id/propose?slot=:id',
      '/slots/:id/candidates',
    ])
      expect(pages).toContain(p);
    for (const f of ['/participants', '/participants/:id/access-codes', '/placements/:id/hours'])
      expect(forms).toContain(f);
  });

  it('a coordinator finds no link that answers 403 and no form the services refuse them', async () => {
    const coordinator = await issueKey(t, w.provider.org.id, 'coordinator');
    // The slot search too: measured from a participant, its hits offer no propose link to them.
    const { pages, forms, refused, browser } = await crawl(coordinator.key);
    expect(refused).toEqual([]);
    // They read the caseload, the participant (without matches or access codes) and the placement.
    expect(pages).toEqual(expect.arrayContaining(['/participants', '/participants/:id', '/placements/:id']));
    for (const p of ['/participants/new', '/allocate', '/participants/:id/edit', '/slots/:id/candidates'])
      expect(pages).not.toContain(p);
    expect(pages.some((p) => p.includes('/propose'))).toBe(false);
    // Signing out and logging an employer contact (the employer-contacts service lets them) only.
    expect(forms).toEqual(['/employers/:id/contacts', '/sign-out']);
    // A form page typed in by hand answers the forbidden page, not a form that would fail.
    expect((await browser.get('/participants/new')).status).toBe(403);
    expect((await browser.get('/allocate')).status).toBe(403);
    expect((await browser.get(`/participants/${w.participant.id}/edit`)).status).toBe(403);
    const propose = await browser.get(`/participants/${w.participant.id}/propose?slot=${w.slot.id}`);
    expect(propose.status).toBe(403);
    const participant = await browser.get(`/participants/${w.participant.id}`);
    expect(participant.status).toBe(200);
    expect(participant.html).toContain(w.participant.reference);
  });

  it('an employer finds no link that answers 403', async () => {
    const { pages, refused } = await crawl(w.employer.key);
    expect(refused).toEqual([]);
    expect(pages).toEqual(expect.arrayContaining(['/slots/new', '/slots/:id/edit', '/placements/:id']));
  });
});
