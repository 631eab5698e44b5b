import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import type { Logger } from '../lib/logger';
import type { Services } from '../services';

/**
 * Gives each request an id and the services, and writes ONE log line when it ends: method, route
 * pattern (never the query string, which may hold search words), status, duration and the acting
 * organization. No bodies and no participant fields are ever logged.
 */
export function requestContext(services: Services, logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('services', services);
    c.header('x-request-id', requestId);
    await next();
    const actor = c.get('actor');
    logger.info('request', {
      requestId,
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      org: actor?.organizationId ?? (actor ? 'platform' : undefined),
      user: actor?.userId ?? undefined,
    });
  };
}
