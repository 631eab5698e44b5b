import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { unauthorized } from '../lib/problem';
import { rateLimited } from '../services/rate-limits';

/**
 * Resolves `Authorization: Bearer <key>` to an actor, or answers 401. Wrong keys count against the
 * client's address and the key's prefix; past the limit the answer is 429 with `Retry-After`
 * instead (a right key still works, so people behind one shared address are not locked out).
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw unauthorized();
  const token = match[1]!;
  const actor = await c.var.services.apiKeys.authenticate(token);
  if (!actor) {
    const { rateLimits } = c.var.services;
    const verdicts = await Promise.all([
      rateLimits.hit(rateLimits.rules.authFailuresByAddress, c.var.clientAddress),
      rateLimits.hit(rateLimits.rules.authFailuresByKey, token.slice(0, 10)),
    ]);
    if (verdicts.some((v) => v.limited)) throw rateLimited(...verdicts);
    throw unauthorized('The API key is unknown or revoked.');
  }
  c.set('actor', actor);
  await next();
};
