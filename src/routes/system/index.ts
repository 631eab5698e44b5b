import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonContent } from '../shared/openapi';

const TopicHealth = z
  .object({
    due: z.int().openapi({ description: 'Effects whose time has come and that have not run yet.' }),
    oldestDueAgeSeconds: z
      .int()
      .nullable()
      .openapi({ description: 'How long the oldest due effect has waited since it fell due.' }),
    failed: z.int().openapi({ description: 'Effects given up on, waiting for a person.' }),
    stalled: z.boolean().openapi({ description: 'The oldest due effect has waited longer than the limit.' }),
  })
  .openapi('OutboxTopicHealth');

const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['ok', 'unreachable']),
    outbox: z
      .object({
        maxDueAgeSeconds: z
          .int()
          .openapi({ description: 'OUTBOX_MAX_DUE_AGE_SECONDS: older is `degraded`.' }),
        topics: z.record(z.string(), TopicHealth),
      })
      .nullable()
      .openapi({ description: 'Outbox work per topic (search index, notifications, mail, reminders).' }),
    time: z.string(),
  })
  .openapi('Health');

export const systemRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['System'],
    summary: 'Liveness, database reachability and outbox backlog per topic',
    description:
      'Answers 503 `degraded` when the database does not answer, or when an outbox topic’s oldest due effect has waited longer than OUTBOX_MAX_DUE_AGE_SECONDS (e.g. during a mail-provider outage).',
    responses: {
      200: jsonContent(Health, 'Healthy'),
      503: jsonContent(Health, 'Database unreachable, or an outbox topic is stalled'),
    },
  }),
  async (c) => {
    const body = await c.var.services.health.check();
    return body.status === 'ok' ? c.json(body, 200) : c.json(body, 503);
  },
);
