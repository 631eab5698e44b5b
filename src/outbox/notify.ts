import { z } from 'zod';
import { NOTIFY_TOPIC } from '../../db/schema';
import type { Db } from '../adapters/db/types';
import { enqueueStatement } from './outbox';

/**
 * Domain events that may cause notifications (emails). Producers put `notifyStatement` in the same
 * atomic batch as the change; the notification worker later decides who is told what, and queues
 * one mail row per recipient. So an event is never lost, and producers know nothing about mail.
 */
export const DomainEvent = z.discriminatedUnion('event', [
  z.object({ event: z.literal('api_key.issued'), keyId: z.string() }),
  z.object({ event: z.literal('slot.opened'), slotId: z.string() }),
  z.object({
    event: z.enum([
      'placement.proposed',
      'placement.accepted',
      'placement.declined',
      'placement.withdrawn',
      'placement.started',
      'placement.ended',
    ]),
    placementId: z.string(),
  }),
  // A new version of a placement's agreement: the employer and the handler are asked to approve it.
  z.object({
    event: z.literal('agreement.approval_wanted'),
    placementId: z.string(),
    version: z.number().int(),
  }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;

/** `discriminator` makes the key unique per occurrence (e.g. the new status or a timestamp). */
export function notifyStatement(db: Db, e: DomainEvent, now: string, discriminator = now) {
  const entityId = Object.values(e).find((v) => v !== e.event) as string;
  return enqueueStatement(db, {
    topic: NOTIFY_TOPIC,
    key: `${NOTIFY_TOPIC}:${e.event}:${entityId}:${discriminator}`,
    payload: e,
    now,
  });
}
