import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Db } from './adapters/db/types';
import type { DocsAssets } from './adapters/docs/types';
import type { AppEnv } from './app-env';
import type { AppConfig } from './config';
import { describeFault } from './lib/faults';
import { createLogger, type Logger } from './lib/logger';
import { ApiError, problem, problemResponse } from './lib/problem';
import { createMailer, type Mailer } from './mail';
import { authenticate } from './middleware/authenticate';
import { corsMiddleware } from './middleware/cors';
import { requestContext } from './middleware/request-context';
import { securityHeadersMiddleware } from './middleware/security-headers';
import { textGuard } from './middleware/text-guard';
import { type DrainOptions, drainOutbox } from './outbox/outbox';
import { pagesRouter } from './pages';
import { apiRouter } from './routes';
import { docsRouter } from './routes/docs';
import { validationHook } from './routes/shared/openapi';
import { createSearchIndex, type SearchIndex } from './search';
import { createServices, type MatchingSlots } from './services';
import { backfillMatchTerms } from './services/matching/terms-backfill';
import { createOutboxHandlers } from './services/outbox-handlers';

export interface AppDeps {
  config: AppConfig;
  db: Db;
  logger?: Logger;
  /** The clock every service reads; tests pass a fixed one. */
  clock?: () => Date;
  /** Sends mails; when omitted, chosen from config: RESEND_API_KEY set → Resend, else the development mailer. */
  mailer?: Mailer;
  /** Slot search; when omitted, chosen from config: MEILISEARCH_URL set → Meilisearch, else embedded FTS5. */
  search?: SearchIndex;
  /** Serves the API reference's assets locally (Node); without it the docs page loads them from a CDN. */
  docsAssets?: DocsAssets;
  /**
   * Where matching reads slots: `queried` (default; per request, the candidates SQL selects, so memory
   * never grows with the registry: Workers) or `resident` (an in-memory index of every open slot,
   * fastest per request: Node). See src/services/matching/sources.ts.
   */
  matchingSlots?: MatchingSlots;
  /**
   * The client's network address, for rate limits: Node reads the socket (or X-Forwarded-For behind a
   * trusted proxy), Workers the CF-Connecting-IP header. Without it every client counts as `unknown`.
   */
  clientAddress?: (c: Context<AppEnv>) => string | undefined;
}

const publicPaths = /^\/v1\/vocabularies\//;
const bodyless = new Set(['GET', 'HEAD']);

/**
 * The one application factory. Entry points (Node, Workers, tests) build the dependencies and call
 * this; nothing in here reads the environment or opens connections.
 */
export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? createLogger(deps.config.LOG_LEVEL);
  const clock = deps.clock ?? (() => new Date());
  const now = () => clock().toISOString();
  const mailer = deps.mailer ?? createMailer(deps.config, logger);
  const search = deps.search ?? createSearchIndex(deps.config, deps.db);
  const services = createServices({
    db: deps.db,
    config: deps.config,
    now,
    search,
    matchingSlots: deps.matchingSlots,
  });
  const outboxHandlers = createOutboxHandlers({
    db: deps.db,
    config: deps.config,
    logger,
    now,
    mailer,
    search,
  });

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestContext(services, logger));
  app.use('*', async (c, next) => {
    c.set('clientAddress', deps.clientAddress?.(c) || 'unknown');
    await next();
  });
  app.use('*', securityHeadersMiddleware({ hsts: deps.config.NODE_ENV !== 'development' }));
  // Before authentication, so a browser's preflight is answered without a key.
  app.use(
    '*',
    corsMiddleware({
      origins: deps.config.CORS_ORIGINS,
      allowHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposeHeaders: ['x-request-id', 'retry-after'],
      maxAgeSeconds: 600,
    }),
  );
  const tooLarge = (c: Context<AppEnv>) => {
    // The unread rest of the body must not be taken for the next request on a kept-alive
    // connection: close it, so clients open a fresh one (Node's fetch failed its next request).
    c.header('connection', 'close');
    return problemResponse(
      c,
      problem(413, `The request body is larger than ${deps.config.MAX_BODY_BYTES} bytes.`),
    );
  };
  const limitBody = bodyLimit({ maxSize: deps.config.MAX_BODY_BYTES, onError: tooLarge });
  // GET and HEAD carry no body (the web Request has none for them), so the limit has nothing to check.
  // A body with a Content-Length (not chunked) is judged by that header alone, as Hono's middleware
  // does, but without asking for the request's body stream first: on Node that built a full web
  // Request with a stream for every write, where reading the body directly (textGuard) needs none.
  app.use('*', async (c, next) => {
    if (bodyless.has(c.req.method)) return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return limitBody(c, next);
    return Number.parseInt(length, 10) > deps.config.MAX_BODY_BYTES ? tooLarge(c) : next();
  });
  app.use('/v1/*', (c, next) => (publicPaths.test(c.req.path) ? next() : authenticate(c, next)));
  app.use('*', textGuard);

  app.route('/', apiRouter);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: the operator’s ADMIN_API_KEY, or a key issued to a person (`sek_…`).',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'SE placement registry',
      version: '1.0.0',
      description:
        'Registry and matching of supervised work-trial and work-training places for Supported Employment (SE/IPS) in Sweden. Errors are RFC 9457 problem documents.',
    },
  });
  app.route('/', docsRouter(deps.docsAssets));
  // The web pages, after every API route: the API's paths are never theirs. They answer their own
  // errors and unknown paths with pages (src/pages/index.ts); the API keeps its problem documents.
  app.route('/', pagesRouter(deps.config, logger));

  app.notFound((c) => problemResponse(c, problem(404, `No route for ${c.req.method} ${c.req.path}.`)));
  app.onError((err, c) => {
    if (err instanceof ApiError) {
      for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
      return problemResponse(c, problem(err.status, err.message, err.errors, err.slug));
    }
    if (err instanceof HTTPException) {
      const detail = /json/i.test(err.message)
        ? 'The body is not valid JSON, or the Content-Type is not application/json.'
        : err.message || 'The request was refused.';
      return problemResponse(c, problem(err.status, detail));
    }
    logger.error('unhandled', { requestId: c.var.requestId, route: c.req.routePath, ...describeFault(err) });
    return problemResponse(
      c,
      problem(500, `Something went wrong on our side. Request id: ${c.var.requestId}.`),
    );
  });

  return Object.assign(app, {
    services,
    search,
    outboxHandlers,
    /** Runs due outbox work once (tests, the Workers cron, CLI scripts); Node also runs a loop. */
    drainOutbox: (opts: DrainOptions = {}) =>
      drainOutbox(deps.db, outboxHandlers, { now: clock, logger, ...opts }),
    /** Fills in a batch of slots' missing or outdated match terms (the Workers cron, the Node loop). */
    backfillMatchTerms: (opts: { limit?: number } = {}) => backfillMatchTerms(deps.db, opts),
  });
}

export type App = ReturnType<typeof createApp>;
