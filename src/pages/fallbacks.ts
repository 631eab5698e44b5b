/**
 * Errors and unknown paths on the pages answer with a page in the site's frame, never a problem
 * document or a stack trace. Registered as the pages router's error handler and last route.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describeFault } from '../lib/faults';
import type { Logger } from '../lib/logger';
import { ApiError } from '../lib/problem';
import { CsrfRefused } from './csrf';
import type { PageEnv } from './env';
import { csrfPage, errorPage, forbiddenPage, notFoundPage, refusedPage } from './errors';

export function pageError(logger: Logger) {
  return (err: Error, c: Context<PageEnv>) => {
    if (err instanceof CsrfRefused) return csrfPage(c);
    if (err instanceof ApiError && err.status === 404) return notFoundPage(c);
    if (err instanceof ApiError && (err.status === 403 || err.status === 401)) return forbiddenPage(c);
    if (err instanceof ApiError && err.status < 500) return refusedPage(c, err.message);
    // hono/csrf refuses a form from another origin with a 403 HTTPException.
    if (err instanceof HTTPException && err.status === 403) return csrfPage(c);
    logger.error('unhandled', { requestId: c.var.requestId, route: c.req.routePath, ...describeFault(err) });
    return errorPage(c);
  };
}

export { notFoundPage };
