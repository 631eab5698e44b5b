/**
 * The no-overbooking invariant on each driver: free places are taken with one conditional statement
 * inside an atomic batch, never an interactive transaction, so it holds on D1 as on libSQL.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../../db/schema';
import { agreed, agreementBody, move, placementWorld, proposed, slotState } from '../../placements/helpers';
import type { Driver } from '../drivers';
import { runCron } from '../helpers';

export function placementFlows({ name, t, env, db }: Driver) {
  describe(`placements on ${name}`, () => {
    it('concurrent acceptances for the last place: exactly one wins, the rest are 409 slot-full', async () => {
      const w = await placementWorld(t, { capacity: 1, maxParticipants: 5 });
      const props = [];
      for (let i = 0; i < 6; i++) props.push(await proposed(t, w));

      const results = await Promise.all(props.map((p) => move(t, w.employer.key, p.id, 'accept')));

      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(5);
      for (const r of results.filter((r) => r.status === 409))
        expect(r.problem.type).toBe('/problems/slot-full');
      expect(await slotState(t, w)).toEqual({ freePlaces: 0, activePlacements: 1 });
    });

    it("an employer's decline shows the disclosed fields and logs one read of them (in the move's batch)", async () => {
      const w = await placementWorld(t);
      const p = await proposed(t, w, { participantId: w.participant.id });
      const declined = await move(t, w.employer.key, p.id, 'decline', { reason: 'timing' });
      expect(declined.status).toBe(200);
      expect(Object.keys(declined.body.disclosed).sort()).toEqual([
        'adaptationNeeds',
        'hoursPerWeek',
        'strengths',
      ]);
      const audit = await t.call('GET', `/v1/audit?participantId=${w.participant.id}&action=read`, {
        key: w.provider.key,
      });
      expect(audit.body.data.map((e) => [e.placementId, e.fields])).toEqual([
        [p.id, ['strengths', 'adaptationNeeds', 'hoursPerWeek']],
      ]);
    });

    it('ending a placement frees its place at once', async () => {
      const w = await placementWorld(t, { capacity: 1 });
      const p = await proposed(t, w);
      expect((await move(t, w.employer.key, p.id, 'accept')).status).toBe(200);
      expect((await slotState(t, w)).freePlaces).toBe(0);
      expect((await move(t, w.provider.key, p.id, 'withdraw', {})).status).toBe(200);
      expect(await slotState(t, w)).toEqual({ freePlaces: 1, activePlacements: 0 });
    });

    it('a placement starts only on an agreement all three approved; a change withdraws the approvals', async () => {
      const w = await placementWorld(t, { capacity: 1 });
      const p = await proposed(t, w);
      expect((await move(t, w.employer.key, p.id, 'accept')).status).toBe(200);
      const refused = await move(t, w.provider.key, p.id, 'start', {});
      expect(refused.status).toBe(409);
      expect(refused.problem.type).toBe('/problems/agreement-not-approved');
      const version = await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id);
      const changed = await t.call('PUT', `/v1/placements/${p.id}/agreement`, {
        key: w.provider.key,
        body: agreementBody({ baseVersion: version, tasks: ['Sortera'] }),
      });
      expect(changed.body.missingApprovals).toEqual(['participant', 'employer', 'handler']);
      const old = await t.call('POST', `/v1/placements/${p.id}/agreement/approve`, {
        key: w.employer.key,
        body: { version },
      });
      expect(old.status).toBe(409);
      expect((await move(t, w.provider.key, p.id, 'start', {})).status).toBe(409);
      await agreed(t, { provider: w.provider.key, employer: w.employer.key }, p.id);
      expect((await move(t, w.provider.key, p.id, 'start', {})).status).toBe(200);
      await runCron(env);
      const mails = await db.select().from(outbox).where(eq(outbox.topic, 'notify'));
      const asked = mails.filter(
        (r) => r.payload.placementId === p.id && r.payload.event === 'agreement.approval_wanted',
      );
      expect(asked.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    });

    it('the cron turns a placement’s events into notifications without errors', async () => {
      const w = await placementWorld(t, { capacity: 1 });
      const p = await proposed(t, w);
      expect((await move(t, w.employer.key, p.id, 'accept')).status).toBe(200);
      expect((await move(t, w.provider.key, p.id, 'withdraw', {})).status).toBe(200);

      await runCron(env);

      const events = (await db.select().from(outbox).where(eq(outbox.topic, 'notify'))).filter(
        (r) => r.payload.placementId === p.id,
      );
      expect(events.map((e) => e.payload.event).sort()).toEqual([
        'placement.accepted',
        'placement.proposed',
        'placement.withdrawn',
      ]);
      for (const e of events)
        expect({ event: e.payload.event, status: e.status, error: e.lastError }).toEqual({
          event: e.payload.event,
          status: 'done',
          error: null,
        });
    });
  });
}
