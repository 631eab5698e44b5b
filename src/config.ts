import { z } from 'zod';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(v)));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/**
 * Every setting the service reads, validated once at start. Node passes process.env, Workers pass
 * their bindings; nothing else in the code reads the environment.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** 0 picks a free port (tests); the one chosen is printed. */
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    DATABASE_URL: z.string().min(1).default('file:data/registry.db'),
    DATABASE_AUTH_TOKEN: optionalString,
    /**
     * Local file: SQLite's `synchronous` in WAL mode. `normal` survives any crash of the process;
     * `full` also waits for the disk on every commit (survives a power cut, far slower per write).
     */
    DATABASE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
    /**
     * Workers: Turso (libSQL over HTTP) instead of a D1 binding. Only remote URLs: the Workers runtime
     * has no file system, so `file:` is refused here rather than failing at the first query.
     */
    TURSO_DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^(libsql|https?|wss?):\/\//, 'must be a libsql://, https:// or wss:// URL (libSQL over HTTP)')
        .optional(),
    ),
    TURSO_AUTH_TOKEN: optionalString,
    /**
     * Workers: drain the outbox right after each write request (in `waitUntil`, after the response),
     * so the search index follows within moments; the Cron Trigger is the safety net.
     */
    OUTBOX_DRAIN_AFTER_WRITE: flag(true),
    ADMIN_API_KEY: optionalString.pipe(
      z
        .string()
        .min(24, 'must be at least 24 characters; generate one with `openssl rand -hex 24`')
        .optional(),
    ),
    SEED_DEMO: flag(true),
    PUBLIC_BASE_URL: z.url().default('http://localhost:8787'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    MEILISEARCH_URL: optionalString.pipe(z.url().optional()),
    MEILISEARCH_API_KEY: optionalString,
    MEILISEARCH_INDEX: z.string().min(1).default('slots'),
    /**
     * Embedded search: candidates one search examines at most (the most selective access path,
     * in the sort's order). Bounds the rows a search reads (D1 bills them) to about six times this,
     * whatever the registry's size; beyond it totals and facets say "more than".
     */
    SEARCH_WINDOW: z.coerce.number().int().min(100).max(100_000).default(7000),
    /**
     * Embedded search: fewest rows read (`rows-read`, D1 and Turso bill them) or least CPU (`cpu`);
     * unset, `cpu` for a local file on Node and `rows-read` otherwise (src/search/embedded/statement.ts).
     */
    SEARCH_PLAN: z.enum(['cpu', 'rows-read']).optional(),
    RESEND_API_KEY: optionalString,
    RESEND_BASE_URL: optionalString.pipe(z.url().optional()),
    MAIL_FROM: z.string().min(3).default('SE-registret <noreply@se-registret.example>'),
    /** How long one request to the mail provider may take before it is retried later. */
    MAIL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /**
     * `/health` answers 503 `degraded` when an outbox topic's oldest due effect (a mail, a search
     * index update, a reminder) has waited longer than this since it fell due.
     */
    OUTBOX_MAX_DUE_AGE_SECONDS: z.coerce.number().int().min(1).max(604_800).default(600),
    /** Largest accepted request body, in bytes. */
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(256 * 1024),
    /**
     * Browser origins allowed to call the API from their own pages (CORS), comma-separated, e.g.
     * `https://intranet.kommun.se`. Empty (the default): none; the service's own pages need no CORS.
     */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^https?:\/\/[^/\s]+$/,
              'must list origins such as https://app.example.se (scheme and host, no path)',
            ),
        ),
      ),
    /**
     * Node behind a reverse proxy: take the client's address from the last `X-Forwarded-For` entry
     * (the one the proxy added) instead of the socket. Leave off when clients reach Node directly, or
     * they could name any address they like.
     */
    TRUST_PROXY: flag(false),
    /** Failed authentications (wrong API keys) allowed per client address, and per key prefix, per window. */
    AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
    AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
    /** Largest accepted request head (request line and headers) on Node, in bytes; more answers 431. */
    MAX_HEADER_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1_048_576)
      .default(16 * 1024),
    /**
     * Node, for `npm run load`: on SIGUSR2 each server process prints its event-loop delay since the
     * last report (monitorEventLoopDelay: max, p99, mean in ms) as one JSON line on stdout.
     */
    EVENT_LOOP_REPORT: flag(false),
    /**
     * Node: server processes over the one database file (node:cluster; src/adapters/http/cluster.ts).
     * `1` serves in the starting process; `auto` starts one per core.
     */
    NODE_PROCESSES: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
    /**
     * Node with a local database file: each server process runs its outbox loop, its searches and its
     * writes in background threads, each on its own connection (src/adapters/threads/), so they never
     * hold the event loop that serves requests. `false` runs them on that loop.
     */
    NODE_BACKGROUND: flag(true),
    /**
     * Node with background threads: how many threads answer searches, each on its own connection.
     * A search is one statement run to its end; at 100,000 slots one thread is busy throughout under
     * the load mix while the request thread idles (README, "Load").
     */
    NODE_SEARCH_THREADS: z.coerce.number().int().min(1).max(16).default(1),
    /**
     * Node on Linux: the scheduling priority (nice, 0–19) of the outbox thread, below the request
     * thread's, so that when the cores are full requests come first (README, "Load"). The search and
     * writer threads keep the request thread's: requests wait for them. 0 leaves them equal.
     */
    NODE_BACKGROUND_NICE: z.coerce.number().int().min(0).max(19).default(10),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.ADMIN_API_KEY)
      ctx.addIssue({ code: 'custom', path: ['ADMIN_API_KEY'], message: 'is required in production' });
  });

export type AppConfig = z.infer<typeof configSchema>;

export interface ConfigIssue {
  /** The setting's name, e.g. `ADMIN_API_KEY`. */
  setting: string;
  message: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    /** Each bad setting by name (never its value, which may be a secret). */
    readonly issues: ConfigIssue[] = [],
  ) {
    super(message);
  }
}

/** Parses the environment, or throws one error that lists every bad setting by name. */
export function loadConfig(env: Record<string, unknown>): AppConfig {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string'));
  const parsed = configSchema.safeParse(strings);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    setting: i.path.join('.') || '(config)',
    message: i.message,
  }));
  const lines = issues.map((i) => `  ${i.setting}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`, issues);
}
