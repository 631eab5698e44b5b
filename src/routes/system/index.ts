import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Db } from '../../adapters/db/types';
import { createRouter, jsonContent } from '../../lib/openapi';

const Health = z
  .object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']), time: z.string() })
  .openapi('Health');

export function systemRouter(db: Db) {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['System'],
      summary: 'Liveness and database reachability',
      responses: { 200: jsonContent(Health, 'Healthy'), 503: jsonContent(Health, 'Database unreachable') },
    }),
    async (c) => {
      const database = await db
        .run(sql`select 1`)
        .then(() => 'ok' as const)
        .catch(() => 'unreachable' as const);
      const body = {
        status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
        database,
        time: new Date().toISOString(),
      };
      return database === 'ok' ? c.json(body, 200) : c.json(body, 503);
    },
  );
}
