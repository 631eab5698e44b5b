/** What the notifications API takes: a list's filters and a bulk retry. */
import { z } from '@hono/zod-openapi';
import { ids } from '../../domain/fields';
import type { PageQuery } from '../../lib/pagination';

export const notificationStatuses = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/**
 * Most failed mails one bulk retry puts back; call again while `more` is true. Below D1's limit of
 * 100 bound parameters per statement, since the ids are bound.
 */
export const BULK_RETRY_LIMIT = 90;

export const NotificationListQuery = z.object({
  status: z.enum(notificationStatuses).optional(),
  organizationId: ids('org').optional().openapi({ description: 'Platform admin only: one organization.' }),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery> & PageQuery;

export const BulkRetry = z
  .strictObject({
    ids: z
      .array(ids('ntf'))
      .min(1)
      .max(BULK_RETRY_LIMIT)
      .optional()
      .openapi({
        description: `Failed mails to retry; omit to retry every failed mail you see (${BULK_RETRY_LIMIT} per call).`,
      }),
  })
  .openapi('BulkRetry');
export type BulkRetry = z.infer<typeof BulkRetry>;
