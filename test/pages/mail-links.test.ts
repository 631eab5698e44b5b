/**
 * Every link in every email lands on a page: each template is rendered with real ids from a real
 * registry, and each link it holds (HTML and plain text) is opened by the mail's recipient, signed in,
 * answering an HTML page of the service (never JSON, never the 404 page). The map below is typed by
 * the templates, so a new template cannot be added without a case here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationTemplate } from '../../db/schema';
import { renderMail, type TemplateData } from '../../src/mail/templates';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, createWorld } from '../helpers/factories';
import { agreed } from '../placements/helpers';
import { pageClient } from './client';

const BASE = 'http://localhost';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Reader = 'handler' | 'employer';
type Cases = { [T in NotificationTemplate]: { reader: Reader; data: TemplateData[T] } };

/** Every link of a rendered mail, from its HTML and its plain text. */
function linksOf(m: { html: string; text: string }) {
  const html = [...m.html.matchAll(/href="([^"]+)"/g)].map((x) => x[1]!.replaceAll('&amp;', '&'));
  const text = [...m.text.matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);
  return [...new Set([...html, ...text])];
}

describe('mail links', () => {
  it('every link of every template opens a page for its signed-in recipient', async () => {
    const w = await createWorld(t);
    const participant = await createParticipant(t, w.provider.key);
    const proposed = await t.call('POST', '/v1/placements', {
      key: w.provider.key,
      body: { participantId: participant.id, slotId: w.slot.id, disclose: ['strengths'] },
    });
    expect(proposed.status).toBe(201);
    const placementId = proposed.body.id;
    // Started, as a placement is when its follow-along check-in falls due.
    await t.call('POST', `/v1/placements/${placementId}/accept`, { key: w.employer.key, body: {} });
    await agreed(t, { provider: w.provider.key, employer: w.employer.key }, placementId);
    const started = await t.call('POST', `/v1/placements/${placementId}/start`, {
      key: w.provider.key,
      body: {},
    });
    expect(started.status).toBe(200);
    const leaver = await createParticipant(t, w.provider.key);
    await t.call('POST', `/v1/participants/${leaver.id}/exit`, {
      key: w.provider.key,
      body: { outcome: 'studies' },
    });
    const followUps = await t.call('GET', `/v1/follow-ups?participantId=${leaver.id}`, {
      key: w.provider.key,
    });
    const followUpId = followUps.body.data[0]!.id;
    const mail = { recipientName: 'Anna', placementId, slotTitle: 'Bageri', employerName: 'Bageriet' };

    const cases: Cases = {
      api_key_issued: {
        reader: 'handler',
        data: {
          recipientName: 'Anna',
          organizationName: 'SE',
          issuedBy: null,
          keyPrefix: 'sek_abc',
          keyId: w.provider.id,
        },
      },
      placement_proposed: { reader: 'employer', data: mail },
      placement_accepted: { reader: 'handler', data: mail },
      placement_declined: { reader: 'handler', data: { ...mail, declineReason: 'timing' } },
      placement_withdrawn: { reader: 'employer', data: { ...mail, byEmployer: false } },
      agreement_approval_wanted: { reader: 'employer', data: { ...mail, version: 1, party: 'employer' } },
      slot_digest: {
        reader: 'handler',
        data: {
          recipientName: 'Anna',
          date: '2026-03-02',
          slots: [{ slotId: w.slot.id, title: 'Bageri', municipality: 'Stockholm' }],
          events: [],
        },
      },
      followup_due: {
        reader: 'handler',
        data: { ...mail, startDate: '2026-03-02', kind: 'weekly' },
      },
      milestone_due: {
        reader: 'handler',
        data: { recipientName: 'Anna', followUpId, cause: 'exit', months: 3, baseDate: '2026-03-02' },
      },
      sign_in_link: {
        reader: 'handler',
        data: { recipientName: 'Anna', organizationName: 'SE', token: 'a-token-that-was-never-issued' },
      },
    };

    const readers = { handler: pageClient(t), employer: pageClient(t) };
    await readers.handler.signInWithKey(w.provider.key);
    await readers.employer.signInWithKey(w.employer.key);
    const opened: string[] = [];
    for (const [template, c] of Object.entries(cases)) {
      const rendered = renderMail(template as NotificationTemplate, c.data, BASE);
      const links = linksOf(rendered);
      expect(links.length, template).toBeGreaterThan(0);
      for (const link of links) {
        const url = new URL(link);
        expect(url.origin, `${template}: ${link}`).toBe(BASE);
        expect(url.pathname, `${template}: ${link}`).not.toMatch(/^\/(v1|docs|openapi\.json)(\/|$)/);
        const page = await readers[c.reader].get(url.pathname + url.search);
        expect(page.status, `${template}: ${link}`).toBe(200);
        expect(page.headers.get('content-type'), `${template}: ${link}`).toMatch(/^text\/html/);
        expect(page.html, `${template}: ${link}`).toContain('<main id="main"');
        if (url.hash) expect(page.html, `${template}: ${link}`).toContain(`id="${url.hash.slice(1)}"`);
        opened.push(`${template} ${url.pathname}`);
      }
    }
    expect(opened.length).toBeGreaterThanOrEqual(Object.keys(cases).length);
  });
});
