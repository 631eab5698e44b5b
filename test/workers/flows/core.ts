/**
 * The core flows inside workerd, through the Worker entry: organizations, API keys, a supervisor and
 * a slot, a participant, and the error shapes. Fixtures come from the Node suite's factories, so
 * both runtimes build data the same way. Run once per database driver (see ../drivers.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  createParticipant,
  createSlot,
  createSupervisor,
  issueKey,
  organizationNumber,
  orgWithKey,
} from '../../helpers/factories';
import type { Driver } from '../drivers';

export function coreFlows({ name, call, t }: Driver) {
  let employer: Awaited<ReturnType<typeof orgWithKey>>;
  let provider: Awaited<ReturnType<typeof orgWithKey>>;

  beforeAll(async () => {
    employer = await orgWithKey(t, 'employer', 'employer');
    provider = await orgWithKey(t, 'provider', 'handler');
  });

  describe(`the Worker over ${name}`, () => {
    it('answers health with the database reachable', async () => {
      const res = await call('GET', '/health', { key: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
      // The outbox per topic, from one query through the partial index (a D1 call).
      expect(res.body.outbox!.topics.mail).toMatchObject({ failed: 0, stalled: false });
      expect(Object.keys(res.body.outbox!.topics)).toEqual(
        expect.arrayContaining(['search.slot', 'notify', 'mail', 'followup', 'milestone']),
      );
    });

    it('creates, reads and lists organizations', async () => {
      const org = await createOrganization(t, 'social_enterprise', { name: 'Kaffekooperativet i Umeå' });
      expect(org.id).toMatch(/^org_/);
      const read = await call('GET', `/v1/organizations/${org.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ name: 'Kaffekooperativet i Umeå', kind: 'social_enterprise' });
      const list = await call('GET', '/v1/organizations?limit=100');
      expect(list.body.data.map((o: { id: string }) => o.id)).toContain(org.id);
    });

    it('lists organizations by name in Swedish order, filtered without case for å ä ö too', async () => {
      // A tag of its own, so other flows' organizations stay out of the lists.
      const tag = `Kv${Date.now().toString(36)}`;
      for (const town of ['Ödeshögs', 'Åkers', 'Zätas', 'Ängs', 'Bergs'])
        await createOrganization(t, 'social_enterprise', { name: `${town} ${tag}` });
      const names = async (query: string) => {
        const res = await call('GET', `/v1/organizations?kind=social_enterprise&${query}`);
        expect(res.status).toBe(200);
        return res.body as { data: { name: string }[]; nextCursor: string | null };
      };
      const order = ['Bergs', 'Zätas', 'Åkers', 'Ängs', 'Ödeshögs'].map((town) => `${town} ${tag}`);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await names(`name=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.data.map((o) => o.name));
        cursor = page.nextCursor;
      } while (cursor && seen.length < 10);
      expect(seen).toEqual(order);
      const one = async (text: string) =>
        (await names(`name=${encodeURIComponent(`${text} ${tag}`)}`)).data.map((o) => o.name);
      expect(await one('ÖDESHÖGS')).toEqual([`Ödeshögs ${tag}`]);
      expect(await one('åkers')).toEqual([`Åkers ${tag}`]);
    });

    it('issues a key that authenticates as its person, and revokes it', async () => {
      const issued = await issueKey(t, employer.org.id, 'employer');
      const me = await call('GET', '/v1/me', { key: issued.key });
      expect(me.status, me.text).toBe(200);
      expect(me.body).toMatchObject({
        kind: 'member',
        role: 'employer',
        organization: { id: employer.org.id },
      });
      const revoked = await call('DELETE', `/v1/organizations/${employer.org.id}/api-keys/${issued.id}`);
      expect(revoked.status, revoked.text).toBe(200);
      expect((await call('GET', '/v1/me', { key: issued.key })).status).toBe(401);
    });

    it('creates a supervisor and a slot the employer can read back', async () => {
      const supervisor = await createSupervisor(t, employer.key, { maxParticipants: 3 });
      const slot = await createSlot(t, employer.key, [supervisor.id], {
        title: 'Bageribiträde i surdegsbageri',
        capacity: 2,
      });
      expect(slot).toMatchObject({
        status: 'open',
        capacity: 2,
        freePlaces: 2,
        supervisorIds: [supervisor.id],
      });
      const read = await call('GET', `/v1/slots/${slot.id}`, { key: employer.key });
      expect(read.status).toBe(200);
      expect(read.body.title).toBe('Bageribiträde i surdegsbageri');
      expect(read.body.schedule).toEqual(slot.schedule);
    });

    it('updates a slot and pages through the list with cursors', async () => {
      const org = await orgWithKey(t, 'employer', 'employer');
      const sup = await createSupervisor(t, org.key);
      const created: string[] = [];
      for (let i = 0; i < 5; i++)
        created.push((await createSlot(t, org.key, [sup.id], { title: `Plats ${i}` })).id);
      const patched = await call('PATCH', `/v1/slots/${created[0]}`, { key: org.key, body: { capacity: 4 } });
      expect(patched.status, patched.text).toBe(200);
      expect(patched.body).toMatchObject({ capacity: 4, freePlaces: 4 });

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const path: `/v1/slots?${string}` = `/v1/slots?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await call('GET', path, { key: org.key });
        seen.push(...page.body.data.map((s: { id: string }) => s.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(created);
    });

    it('registers a participant for the handler’s caseload', async () => {
      const p = await createParticipant(t, provider.key, { location: { municipalityCode: '2480' } });
      expect(p.id).toMatch(/^prt_/);
      expect(p.handlerId).toBe(provider.userId);
      const mine = await call('GET', '/v1/participants?handlerId=me&limit=100', { key: provider.key });
      expect(mine.body.data.map((x: { id: string }) => x.id)).toContain(p.id);
    });

    it('serves the OpenAPI document and the public vocabularies', async () => {
      const doc = await call('GET', '/openapi.json', { key: null });
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toBe('3.1.0');
      const vocab = await call('GET', '/v1/vocabularies/adaptations', { key: null });
      expect(vocab.body.data).toContainEqual(expect.objectContaining({ code: 'quiet_workspace' }));
    });
  });

  describe(`errors are problem documents in the Worker over ${name}`, () => {
    const isProblem = (res: { status: number; headers: Headers }, status: number) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    };

    it('401 without a key', async () => {
      const res = await call('GET', '/v1/slots', { key: null });
      isProblem(res, 401);
    });

    it('400 with each invalid field named, and nothing written', async () => {
      const before = await call('GET', '/v1/organizations?limit=100');
      const res = await call('POST', '/v1/organizations', {
        body: { name: '', kind: 'bakery', organizationNumber: '123', contactEmail: 'x' },
      });
      isProblem(res, 400);
      const paths = res.problem.errors!.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['name', 'kind', 'organizationNumber', 'contactEmail']));
      const after = await call('GET', '/v1/organizations?limit=100');
      expect(after.body.data.length).toBe(before.body.data.length);
    });

    it('400 for malformed JSON', async () => {
      const res = await call('POST', '/v1/organizations', {
        raw: '{"name": ',
        headers: { 'content-type': 'application/json' },
      });
      isProblem(res, 400);
    });

    it('409 when the database reports a unique violation (the same organisationsnummer twice)', async () => {
      const number = organizationNumber();
      await createOrganization(t, 'employer', { organizationNumber: number });
      const res = await call('POST', '/v1/organizations', {
        body: {
          name: 'Dubbletten AB',
          kind: 'employer',
          organizationNumber: number,
          contactEmail: 'info@dubbletten.se',
          municipalityCode: '0180',
        },
      });
      isProblem(res, 409);
      expect(res.problem.detail).toMatch(/exists/);
    });

    it('404 for an unknown route and for another organization’s slot', async () => {
      isProblem(await call('GET', '/v1/nothing-here'), 404);
      const other = await orgWithKey(t, 'employer', 'employer');
      const sup = await createSupervisor(t, other.key);
      const slot = await createSlot(t, other.key, [sup.id]);
      isProblem(await call('GET', `/v1/slots/${slot.id}`, { key: employer.key }), 404);
    });
  });
}
