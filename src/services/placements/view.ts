/** How a placement is shown to each side. The employer side never sees the reference or check-ins. */
import type {
  consents,
  participants,
  placementCheckIns,
  placementHours,
  placementMeetings,
  placements,
  placementTransitions,
} from '../../../db/schema';
import { type Disclosure, toConsent } from './disclosure';
import { declineReasonLabels, outcomeLabels } from './labels';
import type { Side } from './states';

export type PlacementRow = typeof placements.$inferSelect;
type ConsentRow = typeof consents.$inferSelect;
type ParticipantRow = typeof participants.$inferSelect;

export function toPlacement(
  p: PlacementRow,
  side: Side,
  extra: {
    consent: ConsentRow | undefined;
    participant: ParticipantRow | undefined;
    disclosure: Disclosure;
    now: string;
  },
) {
  return {
    id: p.id,
    state: p.state,
    participantId: p.participantId,
    /** The handler's own code for the participant; shown to the provider side only. */
    participantReference:
      side === 'provider' && extra.participant?.status !== 'erased'
        ? (extra.participant?.reference ?? null)
        : null,
    providerOrganizationId: p.providerOrganizationId,
    slotId: p.slotId,
    employerOrganizationId: p.employerOrganizationId,
    supervisorId: p.supervisorId,
    /** Provider staff ids stay with the provider: the employer sees the organization only. */
    proposedBy: side === 'provider' ? p.proposedBy : null,
    dates: {
      proposedAt: p.proposedAt,
      acceptedAt: p.acceptedAt,
      declinedAt: p.declinedAt,
      withdrawnAt: p.withdrawnAt,
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      startDate: p.startDate,
      endDate: p.endDate,
    },
    decline: p.declineReason
      ? { reason: p.declineReason, label: declineReasonLabels[p.declineReason] }
      : null,
    withdrawnByOrganizationId: p.withdrawnByOrganizationId,
    note: p.note,
    outcome:
      p.outcome && p.hiredByEmployer !== null
        ? { category: p.outcome, label: outcomeLabels[p.outcome], hiredByEmployer: p.hiredByEmployer }
        : null,
    consent: maskGiver(toConsent(extra.consent, extra.now), side),
    disclosed: extra.disclosure.values,
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

const maskGiver = <T extends { givenBy: string } | null>(c: T, side: Side) =>
  c && side === 'employer' ? { ...c, givenBy: null } : c;

export const toHours = (h: typeof placementHours.$inferSelect, side: Side) => ({
  weekStart: h.weekStart,
  hours: h.hours,
  recordedBy: side === 'provider' ? h.recordedBy : null,
  recordedAt: h.recordedAt,
});

export const toCheckIn = (c: typeof placementCheckIns.$inferSelect) => ({
  id: c.id,
  date: c.date,
  with: c.with,
  note: c.note,
  recordedBy: c.recordedBy,
  createdAt: c.createdAt,
});

/** A meeting's note is shown only to the organization that wrote it. */
export const toMeeting = (m: typeof placementMeetings.$inferSelect, viewerOrganizationId: string | null) => ({
  id: m.id,
  date: m.date,
  kind: m.kind,
  note: m.recordedByOrganizationId === viewerOrganizationId ? m.note : null,
  recordedBy: m.recordedByOrganizationId === viewerOrganizationId ? m.recordedBy : null,
  recordedByOrganizationId: m.recordedByOrganizationId,
  createdAt: m.createdAt,
});

/** Who moved it: user ids only within the viewer's own organization. */
export const toTransition = (
  t: typeof placementTransitions.$inferSelect,
  viewerOrganizationId: string | null,
) => ({
  state: t.state,
  at: t.at,
  actorUserId: t.actorOrganizationId === viewerOrganizationId ? t.actorUserId : null,
  actorOrganizationId: t.actorOrganizationId,
});
