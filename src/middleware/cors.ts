import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../app-env';

export interface CorsOptions {
  /** Origins allowed to call the API from a browser; empty: none (CORS off). */
  origins: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

/**
 * CORS as Hono's middleware answers it, with the headers of an actual request set on the answer after
 * it is made. Hono's middleware sets them on `c.res` before the route runs, which creates a response
 * early; the route's own answer then has to be copied over it, and on Node that turns the server's
 * lightweight response into a full web Response with a body stream, on every request (a CPU profile
 * of the load mix showed it). Preflights (OPTIONS) go to Hono's middleware unchanged.
 */
export function corsMiddleware(o: CorsOptions): MiddlewareHandler<AppEnv> {
  const preflight = cors({
    origin: o.origins,
    allowHeaders: o.allowHeaders,
    exposeHeaders: o.exposeHeaders,
    maxAge: o.maxAgeSeconds,
  });
  const expose = o.exposeHeaders.join(',');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('origin') ?? '';
    await next();
    const headers = c.res.headers;
    if (origin && o.origins.includes(origin)) headers.set('access-control-allow-origin', origin);
    if (expose) headers.set('access-control-expose-headers', expose);
    headers.append('vary', 'Origin');
  };
}
