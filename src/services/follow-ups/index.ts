/**
 * After the programme, one file per verb:
 * - exit.ts: a participant's exit (the SUS out-registration), which schedules the follow-ups,
 * - milestones.ts: the follow-ups 3, 6 and 12 months after an exit or a hire, and their reminders,
 * - record.ts: the handler answers one; read.ts: the organization's list,
 * - reminder.ts: the outbox handler that mails the handler when one falls due.
 */
import type { ServiceContext } from '../context';
import type { ParticipantService } from '../participants/index';
import { recordExit } from './exit';
import { followUpReads } from './read';
import { recordFollowUp } from './record';

export function followUpService(ctx: ServiceContext, deps: { participants: ParticipantService }) {
  return {
    recordExit: recordExit(ctx, deps.participants),
    record: recordFollowUp(ctx, deps.participants),
    ...followUpReads(ctx),
  };
}

export type FollowUpService = ReturnType<typeof followUpService>;
