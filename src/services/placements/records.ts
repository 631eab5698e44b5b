/**
 * Follow-along records on a placement: hours worked per week (either side), check-ins (provider
 * side) and meetings (either side; a note is seen only by its writer's organization). Notes are short
 * and never health data (the schemas refuse it).
 */
import { placementCheckIns, placementHours, placementMeetings } from '../../../db/schema';
import type { Actor } from '../../auth/actor';
import { newId } from '../../lib/ids';
import { addDays, localDate } from '../../lib/local-time';
import { conflict, unprocessable } from '../../lib/problem';
import type { ServiceContext } from '../context';
import { assertDateNotFuture } from './checks';
import type { PlacementViews } from './present';
import type { CheckInCreate, HoursCreate, MeetingCreate } from './schemas';
import { holdingStates } from './states';
import { toCheckIn, toMeeting } from './view';

export function placementRecords(ctx: ServiceContext, views: PlacementViews) {
  const { db } = ctx;
  return {
    /**
     * Records the hours actually worked in one week (re-recording a week corrects it). Either side
     * may record: the supervisor sees the hours, the handler hears them from the participant.
     */
    async recordHours(actor: Actor, id: string, input: HoursCreate) {
      const { row, side, actor: member } = await views.loadFor(actor, id, 'write');
      if (row.state !== 'started' && row.state !== 'ended')
        throw conflict(
          `Hours are recorded for started or ended placements; this one is ${row.state}.`,
          'illegal-state',
        );
      const errors = [];
      if (row.startDate && addDays(input.weekStart, 6) < row.startDate)
        errors.push({ path: 'weekStart', message: `is a week before the start date ${row.startDate}` });
      if (row.endDate && input.weekStart > row.endDate)
        errors.push({ path: 'weekStart', message: `is a week after the end date ${row.endDate}` });
      if (input.weekStart > localDate(ctx.now()))
        errors.push({ path: 'weekStart', message: 'is in the future' });
      if (errors.length) throw unprocessable('The week is outside the placement.', errors);
      const now = ctx.now();
      await db
        .insert(placementHours)
        .values({ placementId: id, ...input, recordedBy: member.userId, recordedAt: now })
        .onConflictDoUpdate({
          target: [placementHours.placementId, placementHours.weekStart],
          set: { hours: input.hours, recordedBy: member.userId, recordedAt: now },
        });
      return views.details(member, side, row);
    },

    /** Follow-along check-ins: the provider side only. */
    async recordCheckIn(actor: Actor, id: string, input: CheckInCreate) {
      const { row, side, actor: member } = await views.loadFor(actor, id, 'write', ['provider']);
      if (!['accepted', ...holdingStates, 'ended'].includes(row.state))
        throw conflict(
          `Check-ins follow accepted, started or ended placements; this one is ${row.state}.`,
          'illegal-state',
        );
      assertDateNotFuture(ctx.now(), input.date, 'date');
      const checkIn = {
        id: newId('event'),
        placementId: id,
        ...input,
        recordedBy: member.userId,
        createdAt: ctx.now(),
      };
      await db.insert(placementCheckIns).values(checkIn);
      return { checkIn: toCheckIn(checkIn), placement: await views.details(member, side, row) };
    },

    /** Meetings (study visit, introduction, three-party): either side. */
    async recordMeeting(actor: Actor, id: string, input: MeetingCreate) {
      const { row, side, actor: member } = await views.loadFor(actor, id, 'write');
      if (row.state === 'declined' || row.state === 'withdrawn')
        throw conflict(`The placement is ${row.state}; no meetings are recorded on it.`, 'illegal-state');
      const meeting = {
        id: newId('event'),
        placementId: id,
        date: input.date,
        kind: input.kind,
        note: input.note ?? null,
        recordedBy: member.userId,
        recordedByOrganizationId: member.organizationId,
        createdAt: ctx.now(),
      };
      await db.insert(placementMeetings).values(meeting);
      return {
        meeting: toMeeting(meeting, member.organizationId),
        placement: await views.details(member, side, row),
      };
    },
  };
}
