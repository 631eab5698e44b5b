/** Helpers for the mail tests: a fake clock, an app wired to the fake Resend, draining, lookups. */
import { eq } from 'drizzle-orm';
import { notifications, outbox } from '../../db/schema';
import { createTestApp, type TestApp } from '../helpers/app';
import { FAKE_RESEND_KEY, type FakeResend } from '../helpers/fake-resend';

export function fakeClock(startIso: string) {
  let now = new Date(startIso);
  return {
    now: () => now,
    set(iso: string) {
      now = new Date(iso);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    iso: () => now.toISOString(),
  };
}
export type FakeClock = ReturnType<typeof fakeClock>;

/** Short enough that a hung request ends quickly; the clock for backoff is the fake one. */
export const TEST_MAIL_TIMEOUT_MS = 500;

export const resendEnv = (fake: FakeResend) => ({
  RESEND_API_KEY: FAKE_RESEND_KEY,
  RESEND_BASE_URL: fake.url,
  MAIL_TIMEOUT_MS: String(TEST_MAIL_TIMEOUT_MS),
  PUBLIC_BASE_URL: 'https://se-registret.example',
});

export async function mailApp(fake: FakeResend | null, clock: FakeClock) {
  return createTestApp({ clock: clock.now, env: fake ? resendEnv(fake) : {} });
}

/** Runs the outbox until nothing due is left (rows queued by a pass run in the next pass). */
export async function drainAll(t: Pick<TestApp, 'app'>, topics?: string[]) {
  const total = { claimed: 0, done: 0, retried: 0, failed: 0 };
  for (let pass = 0; pass < 20; pass++) {
    const r = await t.app.drainOutbox(topics ? { topics } : {});
    total.claimed += r.claimed;
    total.done += r.done;
    total.retried += r.retried;
    total.failed += r.failed;
    if (r.claimed === 0) return total;
  }
  throw new Error('the outbox did not settle');
}

export async function notificationsTo(t: TestApp, email: string) {
  return t.db.select().from(notifications).where(eq(notifications.recipientEmail, email));
}

export async function mailRowOf(t: TestApp, notificationId: string) {
  const [n] = await t.db.select().from(notifications).where(eq(notifications.id, notificationId));
  const [row] = await t.db.select().from(outbox).where(eq(outbox.dedupeKey, n!.outboxKey));
  return row!;
}

/** Advance the fake clock past the mail row's next attempt (the backoff), so the next drain retries. */
export async function passBackoff(t: TestApp, clock: FakeClock, notificationId: string) {
  const row = await mailRowOf(t, notificationId);
  clock.set(new Date(Date.parse(row.nextAttemptAt) + 1).toISOString());
}
