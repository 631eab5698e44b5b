import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { notificationTemplates, recipientKinds } from '../../../db/schema';
import type { AppEnv } from '../../app-env';
import { PageQuery } from '../../lib/pagination';
import { BulkRetry, NotificationListQuery, notificationStatuses } from '../../services/notifications/schemas';
import { createRouter, IdParam, jsonBody, jsonContent, pageOf, problems, security } from '../shared/openapi';

const tags = ['Notifications'];

const Notification = z
  .object({
    id: z.string().openapi({ description: 'Also the idempotency key sent to the mail provider.' }),
    status: z.enum(notificationStatuses).openapi({
      description:
        'pending: queued or being retried; sent: the provider took it; failed: refused, or out of attempts (see lastError).',
    }),
    template: z.enum(notificationTemplates),
    recipient: z.object({
      kind: z.enum(recipientKinds),
      id: z.string(),
      email: z.string(),
      organizationId: z.string(),
    }),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    sendAt: z.string().openapi({ description: 'When the mail is due (a digest waits for its send time).' }),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    providerId: z
      .string()
      .nullable()
      .openapi({ description: 'Resend’s email id, or dev_… from the development mailer.' }),
  })
  .openapi('Notification');

const NotificationWithContent = Notification.extend({
  content: z
    .object({ subject: z.string(), text: z.string() })
    .nullable()
    .openapi({ description: 'The mail as sent (fixed at the first attempt); null before that.' }),
}).openapi('NotificationWithContent');

const params = IdParam('ntf', 'ntf_01JD3S2Q7ZK4V0X9YB6N5M8T2R');

const service = (c: Context<AppEnv>) => c.var.services.notifications;

export const notificationsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags,
      security,
      summary: 'List emails and their delivery state (e.g. `status=failed`)',
      description:
        'The platform admin sees every mail; an organization’s admin or coordinator the mails to its own people.',
      request: { query: PageQuery.extend(NotificationListQuery.shape) },
      responses: { 200: jsonContent(pageOf(Notification, 'NotificationPage'), 'A page'), ...problems(403) },
    }),
    async (c) => c.json(await service(c).list(c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications/{id}',
      tags,
      security,
      summary: 'Read one email, with its content',
      request: { params },
      responses: { 200: jsonContent(NotificationWithContent, 'The mail'), ...problems(403, 404) },
    }),
    async (c) => c.json(await service(c).get(c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/retry',
      tags,
      security,
      summary: 'Queue a failed email again (after fixing the cause, e.g. the address)',
      description: 'Uses the recipient’s current address. Only failed mails can be retried (409 otherwise).',
      request: { params },
      responses: { 200: jsonContent(Notification, 'Queued again'), ...problems(403, 404, 409) },
    }),
    async (c) => c.json(await service(c).retry(c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/retry',
      tags,
      security,
      summary: 'Queue failed emails again, in bulk',
      request: { body: { ...jsonBody(BulkRetry), required: false } },
      responses: {
        200: jsonContent(
          z.object({ retried: z.number().int(), more: z.boolean() }).openapi('BulkRetryResult'),
          'How many were queued again; `more` when another call would find more',
        ),
        ...problems(403),
      },
    }),
    async (c) => c.json(await service(c).retryMany(c.var.actor, c.req.valid('json')?.ids), 200),
  );
