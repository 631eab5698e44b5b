/**
 * Placements from proposal to outcome, the participant's consent per employer, follow-along records,
 * the audit log of disclosures and reads, and employer relations (job development).
 *
 * Capacity is kept by the counters on `slots.taken` and `supervisors.active_placements` (CHECK
 * constraints); a placement uses a place and its supervisor's room exactly while its state is
 * `accepted` or `started` (see src/services/placements/states.ts for the state machine).
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, json, timestamps } from './columns';
import { organizations, users } from './organizations';
import { participants } from './participants';
import { slots, supervisors } from './registry';

export const placementStates = ['proposed', 'accepted', 'declined', 'withdrawn', 'started', 'ended'] as const;
export type PlacementState = (typeof placementStates)[number];

/** Follow-up exit categories as in SUS (DOMAIN.md, "Outcomes"). */
export const outcomeCategories = [
  'unsubsidized_work',
  'subsidized_work',
  'studies',
  'job_seeking',
  'other',
] as const;
export type OutcomeCategory = (typeof outcomeCategories)[number];

export const declineReasons = ['no_capacity', 'not_a_match', 'timing', 'other'] as const;
export type DeclineReason = (typeof declineReasons)[number];

/** Participant fields a handler may disclose to an employer; never the reference or the handler. */
export const disclosableFields = [
  'strengths',
  'interests',
  'adaptationNeeds',
  'hoursPerWeek',
  'rampUp',
  'availability',
] as const;
export type DisclosableField = (typeof disclosableFields)[number];

export const checkInWith = ['participant', 'supervisor', 'employer', 'other'] as const;
export const meetingKinds = ['study_visit', 'introduction', 'three_party', 'other'] as const;
export const contactChannels = ['visit', 'phone', 'email', 'meeting', 'other'] as const;
/**
 * `participant_*` actions are the participant's own (signed in with an access code): their entries
 * have no acting user or organization. `access_code_*` are a handler's, on the participant's codes.
 */
export const auditActions = [
  'disclose',
  'read',
  'export',
  'erase',
  'consent_change',
  'access_code_issue',
  'access_code_revoke',
  'participant_sign_in',
  'participant_read',
  'participant_correct',
  'participant_consent_withdraw',
  'participant_check_in',
  'participant_request',
  'participant_export',
  'participant_approve',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * What the participant agreed to show one employer organization, given through their handler.
 * Rows are history: the newest row for (participant, employer) is the one in force.
 */
export const consents = sqliteTable(
  'consents',
  {
    id: text('id').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    employerOrganizationId: text('employer_organization_id')
      .notNull()
      .references(() => organizations.id),
    fields: json<DisclosableField[]>('fields').notNull(),
    givenBy: text('given_by')
      .notNull()
      .references(() => users.id),
    givenAt: text('given_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('consents_participant_employer_idx').on(t.participantId, t.employerOrganizationId, t.id)],
);

export const placements = sqliteTable(
  'placements',
  {
    id: text('id').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    /** The provider organization of the participant (denormalised for scoping lists). */
    providerOrganizationId: text('provider_organization_id')
      .notNull()
      .references(() => organizations.id),
    slotId: text('slot_id')
      .notNull()
      .references(() => slots.id),
    /** The slot's organization (denormalised for scoping lists). */
    employerOrganizationId: text('employer_organization_id')
      .notNull()
      .references(() => organizations.id),
    /**
     * Named at proposal or acceptance, or chosen at acceptance. Set to null when a supervisor with
     * only past placements is removed (a supervisor is a person whose record must be removable).
     */
    supervisorId: text('supervisor_id').references(() => supervisors.id, { onDelete: 'set null' }),
    proposedBy: text('proposed_by')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: placementStates }).notNull(),
    /** Written by each transition; the counters in the same batch move only if it is this one. */
    transitionToken: text('transition_token').notNull(),
    proposedAt: text('proposed_at').notNull(),
    acceptedAt: text('accepted_at'),
    declinedAt: text('declined_at'),
    withdrawnAt: text('withdrawn_at'),
    startedAt: text('started_at'),
    endedAt: text('ended_at'),
    /** Calendar dates (YYYY-MM-DD) the participant actually began and finished. */
    startDate: text('start_date'),
    endDate: text('end_date'),
    declineReason: text('decline_reason', { enum: declineReasons }),
    /** Short free text beside a decline, withdrawal or ending; removed on erasure. */
    note: text('note'),
    withdrawnByOrganizationId: text('withdrawn_by_organization_id'),
    outcome: text('outcome', { enum: outcomeCategories }),
    hiredByEmployer: bool('hired_by_employer'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    // One live placement per participant and slot: concurrent proposals cannot duplicate.
    uniqueIndex('placements_live_uq')
      .on(t.participantId, t.slotId)
      .where(sql`state IN ('proposed', 'accepted', 'started')`),
    index('placements_slot_idx').on(t.slotId, t.state),
    index('placements_provider_idx').on(t.providerOrganizationId, t.id),
    index('placements_employer_idx').on(t.employerOrganizationId, t.id),
    index('placements_participant_idx').on(t.participantId),
    // Partial (migration 0029): most proposals name no supervisor; only the foreign key's ON DELETE
    // SET NULL looks placements up by supervisor, and `supervisor_id = ?` can use it.
    index('placements_supervisor_idx').on(t.supervisorId).where(sql`${t.supervisorId} IS NOT NULL`),
    // A placement that holds a place always holds a supervisor's room too.
    check(
      'placements_supervised',
      sql`${t.state} NOT IN ('accepted', 'started') OR ${t.supervisorId} IS NOT NULL`,
    ),
    check(
      'placements_outcome',
      sql`(${t.state} = 'ended') = (${t.outcome} IS NOT NULL AND ${t.hiredByEmployer} IS NOT NULL)`,
    ),
  ],
);

/**
 * Every state change, who made it and when. A transition inserts its row with the placement id read
 * back through the transition token: if the conditional state change did not happen, the id is NULL,
 * the NOT NULL constraint fails and the whole batch (counters, events) is rolled back.
 */
export const placementTransitions = sqliteTable(
  'placement_transitions',
  {
    id: text('id').primaryKey(),
    placementId: text('placement_id')
      .notNull()
      .references(() => placements.id),
    state: text('state', { enum: placementStates }).notNull(),
    at: text('at').notNull(),
    actorUserId: text('actor_user_id'),
    actorOrganizationId: text('actor_organization_id'),
  },
  (t) => [index('placement_transitions_placement_idx').on(t.placementId, t.at)],
);

/** Hours actually worked per week: the real ramp-up. One row per placement and week (Monday). */
export const placementHours = sqliteTable(
  'placement_hours',
  {
    placementId: text('placement_id')
      .notNull()
      .references(() => placements.id),
    weekStart: text('week_start').notNull(),
    hours: real('hours').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('placement_hours_week_uq').on(t.placementId, t.weekStart),
    check('placement_hours_range', sql`${t.hours} >= 0 AND ${t.hours} <= 80`),
  ],
);

/** Follow-along contacts. The note is short, never health data, and removed on erasure. */
export const placementCheckIns = sqliteTable(
  'placement_check_ins',
  {
    id: text('id').primaryKey(),
    placementId: text('placement_id')
      .notNull()
      .references(() => placements.id),
    date: text('date').notNull(),
    with: text('with', { enum: checkInWith }).notNull(),
    note: text('note'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('placement_check_ins_placement_idx').on(t.placementId, t.date)],
);

/** Study visits, introductions and three-party meetings around a placement. */
export const placementMeetings = sqliteTable(
  'placement_meetings',
  {
    id: text('id').primaryKey(),
    placementId: text('placement_id')
      .notNull()
      .references(() => placements.id),
    date: text('date').notNull(),
    kind: text('kind', { enum: meetingKinds }).notNull(),
    note: text('note'),
    recordedBy: text('recorded_by').notNull(),
    recordedByOrganizationId: text('recorded_by_organization_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('placement_meetings_placement_idx').on(t.placementId, t.date)],
);

/**
 * Who disclosed, read, exported or erased which participant's data, and which fields; listed by the
 * participant's provider organization. Holds field names, never values, so it survives erasure.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    actorUserId: text('actor_user_id'),
    actorOrganizationId: text('actor_organization_id'),
    participantId: text('participant_id').notNull(),
    providerOrganizationId: text('provider_organization_id').notNull(),
    action: text('action', { enum: auditActions }).notNull(),
    fields: json<string[]>('fields').notNull(),
    placementId: text('placement_id'),
    /** For disclosures: the organization the fields were disclosed to. */
    recipientOrganizationId: text('recipient_organization_id'),
  },
  (t) => [
    index('audit_log_provider_idx').on(t.providerOrganizationId, t.id),
    index('audit_log_participant_idx').on(t.participantId, t.id),
  ],
);

/** A handler's contact with an employer, shared within the provider organization. */
export const employerContacts = sqliteTable(
  'employer_contacts',
  {
    id: text('id').primaryKey(),
    providerOrganizationId: text('provider_organization_id')
      .notNull()
      .references(() => organizations.id),
    employerOrganizationId: text('employer_organization_id')
      .notNull()
      .references(() => organizations.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /**
     * The participant the contact was made for (job development on their behalf), when there was
     * one: the IPS figure "days to first employer contact" counts from these and from proposals.
     */
    participantId: text('participant_id').references(() => participants.id),
    date: text('date').notNull(),
    channel: text('channel', { enum: contactChannels }).notNull(),
    outcome: text('outcome').notNull(),
    nextStep: text('next_step'),
    nextStepDate: text('next_step_date'),
    ...timestamps,
  },
  (t) => [
    index('employer_contacts_provider_employer_idx').on(
      t.providerOrganizationId,
      t.employerOrganizationId,
      t.id,
    ),
    index('employer_contacts_provider_idx').on(t.providerOrganizationId, t.id),
    index('employer_contacts_participant_idx').on(t.participantId, t.date),
  ],
);
