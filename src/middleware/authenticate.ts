import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { unauthorized } from '../lib/problem';

/** Resolves `Authorization: Bearer <key>` to an actor, or answers 401. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw unauthorized();
  const actor = await c.var.services.apiKeys.authenticate(match[1]!);
  if (!actor) throw unauthorized('The API key is unknown or revoked.');
  c.set('actor', actor);
  await next();
};
