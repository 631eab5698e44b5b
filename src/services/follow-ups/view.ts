/** A follow-up as the API shows it, with its state today. */
import type { followUps } from '../../../db/schema';
import { localDate } from '../../lib/local-time';

export type FollowUpRow = typeof followUps.$inferSelect;

export function followUpStatus(row: Pick<FollowUpRow, 'situation' | 'dueDate'>, today: string) {
  if (row.situation !== null) return 'recorded' as const;
  return row.dueDate <= today ? ('due' as const) : ('upcoming' as const);
}

export const toFollowUp = (row: FollowUpRow, reference: string, now: string) => ({
  id: row.id,
  participantId: row.participantId,
  reference,
  cause: row.cause,
  placementId: row.placementId,
  baseDate: row.baseDate,
  months: row.months,
  dueDate: row.dueDate,
  status: followUpStatus(row, localDate(now)),
  situation: row.situation,
  situationDate: row.situationDate,
  recordedBy: row.recordedBy,
  recordedAt: row.recordedAt,
});
export type FollowUp = ReturnType<typeof toFollowUp>;
