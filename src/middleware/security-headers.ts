import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { type SecurityHeaderOptions, securityHeaders } from '../lib/security-headers';

/**
 * Adds the security headers to every answer, errors included. A route that sets one of them itself
 * (the docs' assets their cache lifetime, the docs page its widened policy) keeps its own value.
 */
export function securityHeadersMiddleware(o: SecurityHeaderOptions): MiddlewareHandler<AppEnv> {
  const headers = Object.entries(securityHeaders(o));
  return async (c, next) => {
    await next();
    for (const [name, value] of headers) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  };
}
