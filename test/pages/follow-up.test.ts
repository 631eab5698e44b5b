/**
 * The coordinator's follow-up pages: reached from the menu and the start page, each report with its
 * charts (figures in text beside each bar, "<5" where small), filters validated by the reports
 * service's schema, and the same protected figures as CSV downloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeCategories } from '../../db/schema';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, issueKey, orgWithKey } from '../helpers/factories';
import { fakeClock } from '../mail/support';
import { pageClient } from './client';

const clock = fakeClock('2025-01-12T09:00:00Z');
let t: TestApp;
let coordinator: string;
let employerKey: string;
const exits = { unsubsidized_work: 6, subsidized_work: 5, studies: 7, job_seeking: 4, other: 8 };

beforeAll(async () => {
  t = await createTestApp({ clock: clock.now });
  const provider = await orgWithKey(t, 'provider', 'handler');
  coordinator = (await issueKey(t, provider.org.id, 'coordinator')).key;
  employerKey = (await orgWithKey(t, 'employer', 'employer')).key;
  const people = [];
  for (const _ of Array(30)) people.push(await createParticipant(t, provider.key));
  clock.set('2025-11-01T09:00:00Z');
  let i = 0;
  for (const category of outcomeCategories)
    for (let n = 0; n < exits[category]; n++, i++) {
      const res = await t.call('POST', `/v1/participants/${people[i]!.id}/exit`, {
        key: provider.key,
        body: { date: '2025-06-15', outcome: category },
      });
      expect(res.status, res.text).toBe(201);
    }
}, 120_000);
afterAll(() => t.close());

describe('follow-up pages', () => {
  it('are in the coordinator’s menu and on the start page, with every report listed', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(coordinator);
    const home = await browser.get('/');
    expect(home.html.match(/href="\/follow-up"/g)?.length).toBeGreaterThanOrEqual(2);
    const index = await browser.get('/follow-up');
    expect(index.status).toBe(200);
    for (const k of ['outcomes', 'fidelity', 'supply', 'payoff', 'person'])
      expect(index.html).toContain(`href="/follow-up/${k}"`);
    expect(index.html).toContain('href="/follow-up/sus-export/csv"');
  });

  it('show outcomes with a chart whose figures are in text beside the bars; "<5" for 4', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(coordinator);
    const page = await browser.get('/follow-up/outcomes?from=2025-01-01&to=2025-12-31');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Diagram: Avslut efter kategori (SUS)');
    expect(page.html).toMatch(/<span class="bar-label">Studier<\/span>.*?<span class="bar-value">7<\/span>/s);
    expect(page.html).toMatch(
      /<span class="bar-label">Aktivt arbetssökande<\/span>.*?<span class="bar-value">&lt;5<\/span>/s,
    );
    expect(page.html).not.toMatch(/style=/);
    expect(page.html).toContain('href="/follow-up/outcomes/csv?from=2025-01-01&amp;to=2025-12-31"');
  });

  it('the CSV download carries the same protected figures, with BOM', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(coordinator);
    const res = await browser.get('/follow-up/outcomes/csv?from=2025-01-01&to=2025-12-31');
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.html).toContain('Aktivt arbetssökande;<5;–');
    const sus = await browser.get('/follow-up/sus-export/csv?from=2025-01-01&to=2025-12-31');
    expect(sus.html.split('\r\n')[0]).toContain('Deltagarkod;');
  });

  it('fidelity, supply, payoff and one person’s calculation render; the person’s shows 510 319 kr', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(coordinator);
    for (const k of ['fidelity', 'supply', 'payoff'])
      expect((await browser.get(`/follow-up/${k}?from=2025-01-01&to=2025-12-31`)).status, k).toBe(200);
    const person = await browser.get('/follow-up/person?benefitMonthly=8000&salaryMonthly=23000');
    expect(person.html).toContain('510\u00a0319 kr');
    expect(person.html).toContain('Kommunalskatt');
  });

  it('refuses a bad filter beside its field, and an employer', async () => {
    const browser = pageClient(t);
    await browser.signInWithKey(coordinator);
    const bad = await browser.get('/follow-up/outcomes?from=2025-12-31&to=2025-01-01');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="f-from-error"');
    const employer = pageClient(t);
    await employer.signInWithKey(employerKey);
    expect((await employer.get('/follow-up')).status).toBe(404);
    expect((await employer.get('/follow-up/outcomes')).status).toBe(403);
  });
});
