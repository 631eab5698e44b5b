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
    PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    DATABASE_URL: z.string().min(1).default('file:data/registry.db'),
    DATABASE_AUTH_TOKEN: optionalString,
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
    RESEND_API_KEY: optionalString,
    RESEND_BASE_URL: optionalString.pipe(z.url().optional()),
    MAIL_FROM: z.string().min(3).default('SE-registret <noreply@se-registret.example>'),
    /** Largest accepted request body, in bytes. */
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(256 * 1024),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.ADMIN_API_KEY)
      ctx.addIssue({ code: 'custom', path: ['ADMIN_API_KEY'], message: 'is required in production' });
  });

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment, or throws one error that lists every bad setting by name. */
export function loadConfig(env: Record<string, unknown>): AppConfig {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string'));
  const parsed = configSchema.safeParse(strings);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
