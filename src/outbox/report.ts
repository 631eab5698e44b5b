/**
 * What a pass's failures say in the log. A first failure is routine (a provider's hiccup: info); a
 * topic whose rows keep failing is an outage someone should look at (warning); rows given up on need
 * a person (error). One line per topic and pass, with ids and counts, never payloads: a handler's
 * error may quote personal data, so only its kind and first line go out, with addresses masked.
 */
import type { Logger } from '../lib/logger';

/** From this many attempts on, a row failing again makes its topic "failing repeatedly". */
export const WARN_AFTER_ATTEMPTS = 3;

const masked = (text: string) => text.replace(/[^\s@<>"'(),;:]+@/g, '*@').slice(0, 200);

function describe(err: unknown) {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (!(cause instanceof Error)) return { error: typeof cause };
  return { error: cause.name, reason: masked(cause.message.split('\n')[0] ?? '') };
}

export function reportFailures(
  logger: Logger,
  rows: readonly { id: string; topic: string; attempts: number }[],
  failures: ReadonlyMap<string, unknown>,
  /** Rows marked failed in this pass (permanent, or out of attempts). */
  gaveUp: ReadonlySet<string>,
) {
  const byTopic = new Map<string, { id: string; attempts: number; err: unknown }[]>();
  for (const row of rows) {
    if (!failures.has(row.id)) continue;
    const list = byTopic.get(row.topic) ?? [];
    list.push({ id: row.id, attempts: row.attempts, err: failures.get(row.id) });
    byTopic.set(row.topic, list);
  }
  for (const [topic, failed] of byTopic) {
    const attempts = Math.max(...failed.map((f) => f.attempts));
    const last = failed[failed.length - 1]!;
    const givenUp = failed.filter((f) => gaveUp.has(f.id));
    const fields = { topic, rows: failed.length, attempts, row: last.id, ...describe(last.err) };
    if (givenUp.length > 0)
      logger.error('outbox rows failed for good', { ...fields, failed: givenUp.length });
    else if (attempts >= WARN_AFTER_ATTEMPTS) logger.warn('outbox topic failing repeatedly', fields);
    else logger.info('outbox retry', fields);
  }
}
