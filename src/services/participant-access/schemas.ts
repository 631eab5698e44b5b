/** What the participant-access services take: codes a handler issues, and what a participant sends. */
import { z } from '@hono/zod-openapi';
import { participantRequestKinds } from '../../../db/schema';
import { participantText, Schedule } from '../../domain/fields';

/** The longest a code may sign in: a handler issues a new one after. */
export const MAX_CODE_DAYS = 90;

export const AccessCodeCreate = z
  .strictObject({
    validDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_CODE_DAYS)
      .default(14)
      .openapi({
        description: `Days the code signs in (1–${MAX_CODE_DAYS}, 14 by default); a device signed in with it stays signed in until then, or until the code is revoked.`,
      }),
  })
  .openapi('AccessCodeCreate');
export type AccessCodeCreate = z.infer<typeof AccessCodeCreate>;

const words = z.array(participantText(80)).max(20);

/** What a participant may correct in their own profile; the handler sees each change. */
export const ProfileCorrection = z.strictObject({
  strengths: words,
  interests: words,
  avoid: words,
  availability: Schedule.min(1, 'needs at least one window'),
});
export type ProfileCorrection = z.infer<typeof ProfileCorrection>;

/** The weekly check-in: how the week went, 1–5, and a short note that is never health data. */
export const WeeklyCheckIn = z.strictObject({
  rating: z.coerce.number().int().min(1).max(5),
  note: participantText(280).optional(),
});
export type WeeklyCheckIn = z.infer<typeof WeeklyCheckIn>;

export const RequestKind = z.enum(participantRequestKinds);
export type RequestKind = z.infer<typeof RequestKind>;
