/**
 * The participant's own way in, without a browser: access codes through the API (issued once, listed
 * without the secret, revoked), signing in with a code on the pages, and every refusal: an expired
 * code, a revoked one (which also signs its devices out), too many wrong codes (429), another
 * participant's data (404), health data in a check-in. Then what the participant does: corrections
 * the handler sees, withdrawing a consent (the employer loses access at once), check-ins, requests.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { createTestApp, type TestApp } from '../helpers/app';
import { createParticipant, issueKey } from '../helpers/factories';
import { agreementBody, placementIn, placementWorld, type World } from '../placements/helpers';
import { pageClient } from './client';

let now = new Date('2026-03-02T09:00:00Z');
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp({ clock: () => now, env: { AUTH_FAILURE_LIMIT: '5' } });
  w = await placementWorld(t, { capacity: 6, maxParticipants: 6 });
});
afterAll(() => t.close());

const issue = (participantId: string, key = w.provider.key, validDays = 14) =>
  t.call('POST', `/v1/participants/${participantId}/access-codes`, { key, body: { validDays } });

/** A fresh browser signed in as the participant with a newly issued code. */
async function signedInParticipant(participantId = w.participant.id) {
  const code = (await issue(participantId)).body.code;
  const browser = pageClient(t);
  await browser.get('/me/sign-in');
  const res = await browser.post('/me/sign-in', { code: code.toLowerCase().replaceAll('-', ' ') });
  expect(res.status, res.html.replace(/<[^>]+>/g, ' ').slice(0, 500)).toBe(303);
  return { browser, code, res };
}

describe('access codes through the API', () => {
  it('are shown once, listed without the secret, handler-only, and 404 to another organization', async () => {
    const res = await issue(w.participant.id, w.provider.key, 30);
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(res.body.status).toBe('active');
    expect(Date.parse(res.body.expiresAt) - now.getTime()).toBe(30 * 86_400_000);
    const list = await t.call('GET', `/v1/participants/${w.participant.id}/access-codes`, {
      key: w.provider.key,
    });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(res.body.code);
    expect(list.body.map((c) => c.id)).toContain(res.body.id);
    const stored = await t.client.execute('select code_hash from participant_access_codes');
    expect(JSON.stringify(stored.rows)).not.toContain(res.body.code.replaceAll('-', ''));

    const coordinator = await issueKey(t, w.provider.org.id, 'coordinator');
    expect((await issue(w.participant.id, coordinator.key)).status).toBe(403);
    const other = await placementWorld(t);
    expect((await issue(w.participant.id, other.provider.key)).status).toBe(404);
    expect((await issue(w.participant.id, w.employer.key)).status).toBe(404);
    const revoke = await t.call(
      'POST',
      `/v1/participants/${w.participant.id}/access-codes/${res.body.id}/revoke`,
      {
        key: other.provider.key,
      },
    );
    expect(revoke.status).toBe(404);
    expect((await issue(w.participant.id, w.provider.key, 91)).status).toBe(400);
  });
});

describe('signing in with a code', () => {
  it('opens a device session: HttpOnly, SameSite=Lax cookie, no-store pages, audited', async () => {
    const { browser, res } = await signedInParticipant();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('se_participant='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const page = await browser.get('/me');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('Min sida');
    expect(page.html).toContain('noggrann');
    expect(page.html).not.toContain(w.participant.reference);
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.participantId, w.participant.id), eq(auditLog.action, 'participant_sign_in')));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]!.actorUserId).toBeNull();
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const { browser } = await signedInParticipant();
    await browser.get('/me');
    const res = await browser.post('/me/check-in', { rating: '4', _csrf: 'wrong-token-wrong-token-1' });
    expect(res.status).toBe(403);
  });

  it('refuses an expired code', async () => {
    const code = (await issue(w.participant.id, w.provider.key, 1)).body.code;
    const browser = pageClient(t);
    await browser.get('/me/sign-in');
    now = new Date(now.getTime() + 2 * 86_400_000);
    try {
      const res = await browser.post('/me/sign-in', { code });
      expect(res.status).toBe(400);
      expect(res.html).toContain('Koden fungerar inte');
      expect(res.headers.getSetCookie().some((c) => c.startsWith('se_participant='))).toBe(false);
    } finally {
      now = new Date(now.getTime() - 2 * 86_400_000);
    }
  });

  it('refuses a revoked code, and revoking signs its devices out at once', async () => {
    const { browser, code } = await signedInParticipant();
    const [latest] = (
      await t.call('GET', `/v1/participants/${w.participant.id}/access-codes`, { key: w.provider.key })
    ).body;
    const revoked = await t.call(
      'POST',
      `/v1/participants/${w.participant.id}/access-codes/${latest!.id}/revoke`,
      {
        key: w.provider.key,
      },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const after = await browser.get('/me');
    expect(after.status).toBe(303);
    expect(after.location).toBe('/me/sign-in');
    await browser.get('/me/sign-in');
    const again = await browser.post('/me/sign-in', { code });
    expect(again.status).toBe(400);
  });

  it('answers 429 after too many wrong codes from one address', async () => {
    const limited = await createTestApp({ env: { AUTH_FAILURE_LIMIT: '3' } });
    try {
      const browser = pageClient(limited);
      await browser.get('/me/sign-in');
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await browser.post('/me/sign-in', { code: 'AAAA-BBBB-CCCC' })).status);
      expect(statuses).toEqual([400, 400, 400, 429, 429]);
      expect((await browser.post('/me/sign-in', { code: 'AAAA-BBBB-CCCC' })).html).toContain(
        'För många försök',
      );
    } finally {
      await limited.close();
    }
  });
});

describe('a signed-in participant', () => {
  it('cannot reach another participant’s placement or consent (404)', async () => {
    const theirs = await placementIn(t, w, 'started');
    const other = await createParticipant(t, w.provider.key);
    const { browser } = await signedInParticipant(other.id);
    expect((await browser.get(`/me/placements/${theirs.id}`)).status).toBe(404);
    await browser.get('/me');
    const withdraw = await browser.post(`/me/consents/${w.employer.org.id}/withdraw`, {});
    expect(withdraw.status).toBe(404);
    const stillShared = await t.call('GET', `/v1/placements/${theirs.id}`, { key: w.employer.key });
    expect(Object.keys(stillShared.body.disclosed).length).toBeGreaterThan(0);
  });

  it('corrects the profile, and the handler sees what changed; health words are refused', async () => {
    const p = await createParticipant(t, w.provider.key, { strengths: ['noggrann'] });
    const { browser } = await signedInParticipant(p.id);
    await browser.get('/me/profile');
    const fields = {
      strengths: 'noggrann, snabb',
      interests: 'djur',
      avoid: 'kassa',
      'availability.mon.0.start': '08:00',
      'availability.mon.0.end': '12:00',
    };
    const refused = await browser.post('/me/profile', { ...fields, interests: 'djur, min adhd' });
    expect(refused.status).toBe(400);
    expect(
      (await t.call('GET', `/v1/participants/${p.id}`, { key: w.provider.key })).body.interests,
    ).not.toContain('djur');
    const saved = await browser.post('/me/profile', fields);
    expect(saved.status).toBe(303);
    const stored = await t.call('GET', `/v1/participants/${p.id}`, { key: w.provider.key });
    expect(stored.body.strengths).toEqual(['noggrann', 'snabb']);
    expect(stored.body.avoid).toEqual(['kassa']);
    const handler = pageClient(t);
    await handler.signInWithKey(w.provider.key);
    const page = await handler.get(`/participants/${p.id}`);
    expect(page.html).toContain('Ändrade styrkor');
    expect(page.html).toMatch(/Förut: noggrann\. Nu: noggrann, snabb\./);
  });

  it('withdraws a consent and the employer loses access at once', async () => {
    const p = await createParticipant(t, w.provider.key, { strengths: ['ordningsam'] });
    const placement = await placementIn(t, w, 'accepted', { participantId: p.id });
    const before = await t.call('GET', `/v1/placements/${placement.id}`, { key: w.employer.key });
    expect(before.body.disclosed.strengths).toEqual(['ordningsam']);
    const { browser } = await signedInParticipant(p.id);
    const page = await browser.get('/me');
    expect(page.html).toContain(`/me/consents/${w.employer.org.id}/withdraw`);
    const res = await browser.post(`/me/consents/${w.employer.org.id}/withdraw`, {});
    expect(res.status).toBe(303);
    const after = await t.call('GET', `/v1/placements/${placement.id}`, { key: w.employer.key });
    expect(after.body.disclosed).toEqual({});
    const entries = await t.call('GET', `/v1/audit?participantId=${p.id}`, { key: w.provider.key });
    expect(entries.body.data.map((e) => e.action)).toContain('participant_consent_withdraw');
  });

  it('checks in weekly (health data refused), sees the placement’s hours; the handler sees the check-in', async () => {
    const p = await createParticipant(t, w.provider.key);
    const placement = await placementIn(t, w, 'started', { participantId: p.id });
    const { browser } = await signedInParticipant(p.id);
    await browser.get('/me');
    const refused = await browser.post('/me/check-in', { rating: '2', note: 'min depression var jobbig' });
    expect(refused.status).toBe(400);
    expect((await browser.post('/me/check-in', { rating: '9' })).status).toBe(400);
    await browser.get('/me');
    expect((await browser.post('/me/check-in', { rating: '4', note: 'Bra vecka på lagret' })).status).toBe(
      303,
    );
    const mine = await browser.get(`/me/placements/${placement.id}`);
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('4 – Bra');
    const handler = pageClient(t);
    await handler.signInWithKey(w.provider.key);
    const page = await handler.get(`/participants/${p.id}`);
    expect(page.html).toContain('Bra vecka på lagret');
  });

  it('asks for an export and erasure; the handler confirms; the export downloads and erasure signs out', async () => {
    const p = await createParticipant(t, w.provider.key);
    const { browser } = await signedInParticipant(p.id);
    await browser.get('/me');
    expect((await browser.get('/me/export')).status).toBe(404);
    await browser.post('/me/requests', { kind: 'export' });
    await browser.get('/me');
    await browser.post('/me/requests', { kind: 'erasure' });
    const handler = pageClient(t);
    await handler.signInWithKey(w.provider.key);
    const page = await handler.get(`/participants/${p.id}`);
    const ids = [...page.html.matchAll(/\/requests\/([^/]+)\/confirm/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(2);
    const [erasureId, exportId] = ids; // newest first
    expect((await handler.post(`/participants/${p.id}/requests/${exportId}/confirm`, {})).status).toBe(303);
    const download = await browser.get('/me/export');
    expect(download.status).toBe(200);
    expect(JSON.parse(download.html).participant.id).toBe(p.id);
    await handler.get(`/participants/${p.id}`);
    expect((await handler.post(`/participants/${p.id}/requests/${erasureId}/confirm`, {})).status).toBe(303);
    expect((await t.call('GET', `/v1/participants/${p.id}`, { key: w.provider.key })).status).toBe(404);
    expect((await browser.get('/me')).status).toBe(303);
  });
});

describe('the participant’s agreement', () => {
  it('is announced on /me, approved by the participant themself, and another participant gets 404', async () => {
    const p = await createParticipant(t, w.provider.key);
    const placement = await placementIn(t, w, 'accepted', { participantId: p.id });
    const put = await t.call('PUT', `/v1/placements/${placement.id}/agreement`, {
      key: w.provider.key,
      body: agreementBody(),
    });
    expect(put.status).toBe(200);
    const { browser } = await signedInParticipant(p.id);
    const start = await browser.get('/me');
    expect(start.html).toContain(`/me/placements/${placement.id}#agreement`);
    const page = await browser.get(`/me/placements/${placement.id}`);
    expect(page.html).toContain('Plocka varor');
    expect(page.html).toContain('Jag godkänner överenskommelsen');

    const other = await createParticipant(t, w.provider.key);
    const stranger = (await signedInParticipant(other.id)).browser;
    await stranger.get('/me');
    const refused = await stranger.post(`/me/placements/${placement.id}/agreement/approve`, { version: '1' });
    expect(refused.status).toBe(404);

    const approved = await browser.post(`/me/placements/${placement.id}/agreement/approve`, { version: '1' });
    expect(approved.status).toBe(303);
    const read = await t.call('GET', `/v1/placements/${placement.id}/agreement`, { key: w.provider.key });
    expect(read.body.current!.approvals.find((a) => a.party === 'participant')).toMatchObject({
      onBehalfOfParticipant: false,
    });
    expect(read.body.missingApprovals).not.toContain('participant');
    expect((await browser.get('/me')).html).not.toContain(`/me/placements/${placement.id}#agreement`);
    const audit = await t.call('GET', `/v1/audit?participantId=${p.id}`, { key: w.provider.key });
    expect(audit.body.data.map((e) => e.action)).toContain('participant_approve');
  });
});

describe('the handler’s access-code pages', () => {
  it('creates a code shown once with a QR code (SVG, no inline style) and revokes it', async () => {
    const handler = pageClient(t);
    await handler.signInWithKey(w.provider.key);
    await handler.get(`/participants/${w.participant.id}`);
    const created = await handler.post(`/participants/${w.participant.id}/access-codes`, { validDays: '7' });
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const code = /class="code-big">([^<]+)</.exec(created.html)![1]!;
    expect(code).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    expect(created.html).toMatch(/<svg[^>]*role="img"/);
    expect(created.html).not.toMatch(/style=/);
    const page = await handler.get(`/participants/${w.participant.id}`);
    expect(page.html).not.toContain(code);
    const revokeUrl = /action="(\/participants\/[^"]+\/revoke)"/.exec(page.html)![1]!;
    expect((await handler.post(revokeUrl, {})).status).toBe(303);
  });
});
