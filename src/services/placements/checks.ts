/** Checks shared by several placement verbs; each answers 422 naming the field. */
import { and, eq } from 'drizzle-orm';
import { slotSupervisors } from '../../../db/schema';
import type { Db } from '../../adapters/db/types';
import { localDate } from '../../lib/local-time';
import { unprocessable } from '../../lib/problem';

export async function assertServesSlot(db: Db, slotId: string, supervisorId: string, path: string) {
  const [link] = await db
    .select()
    .from(slotSupervisors)
    .where(and(eq(slotSupervisors.slotId, slotId), eq(slotSupervisors.supervisorId, supervisorId)));
  if (!link)
    throw unprocessable('The supervisor does not serve this slot.', [
      { path, message: 'is not one of the slot’s supervisors' },
    ]);
}

/** A recorded date may be today (in Sweden) or earlier. */
export function assertDateNotFuture(now: string, date: string, path: string) {
  if (date > localDate(now))
    throw unprocessable('The date is in the future.', [{ path, message: 'must not be after today' }]);
}
