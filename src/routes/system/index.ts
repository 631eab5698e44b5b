import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonContent } from '../shared/openapi';

const Health = z
  .object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']), time: z.string() })
  .openapi('Health');

export const systemRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['System'],
    summary: 'Liveness and database reachability',
    responses: { 200: jsonContent(Health, 'Healthy'), 503: jsonContent(Health, 'Database unreachable') },
  }),
  async (c) => {
    const body = await c.var.services.health.check();
    return body.database === 'ok' ? c.json(body, 200) : c.json(body, 503);
  },
);
