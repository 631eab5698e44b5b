/**
 * After the programme: the participant's exit (the SUS out-registration, with its category) and the
 * follow-ups 3, 6 and 12 months after an exit or a hire, where the handler records where the person
 * is then. Reports read these with the placements; nothing here holds free text or health data, so
 * the rows stay as anonymous counts when a participant is erased.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organizations, users } from './organizations';
import { participants } from './participants';
import { outcomeCategories, placements } from './placements';

/** Months after an exit or a hire at which a follow-up falls due (SIUS follows up at least a year). */
export const milestoneMonths = [3, 6, 12] as const;
export type MilestoneMonths = (typeof milestoneMonths)[number];

/** What a follow-up follows: the participant's exit, or a hire at the end of a placement. */
export const followUpCauses = ['exit', 'hire'] as const;
export type FollowUpCause = (typeof followUpCauses)[number];

/** Where the person is at a follow-up: the SUS categories, or not reached. */
export const followUpSituations = [...outcomeCategories, 'not_reached'] as const;
export type FollowUpSituation = (typeof followUpSituations)[number];

/** One exit per participant: the date they left the programme and where they went (SUS category). */
export const participantExits = sqliteTable(
  'participant_exits',
  {
    participantId: text('participant_id')
      .primaryKey()
      .references(() => participants.id),
    providerOrganizationId: text('provider_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** YYYY-MM-DD, the out-registration date. */
    date: text('date').notNull(),
    outcome: text('outcome', { enum: outcomeCategories }).notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('participant_exits_provider_date_idx').on(t.providerOrganizationId, t.date)],
);

/**
 * A follow-up milestone: created with its due date when the exit or hire is recorded, answered when
 * the handler records the situation (recording again corrects it).
 */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: text('id').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    providerOrganizationId: text('provider_organization_id')
      .notNull()
      .references(() => organizations.id),
    cause: text('cause', { enum: followUpCauses }).notNull(),
    /** The placement that ended with the hire; null for an exit. */
    placementId: text('placement_id').references(() => placements.id),
    /** 'exit', or the hire's placement id: with `months`, names the milestone once. */
    causeKey: text('cause_key').notNull(),
    /** YYYY-MM-DD of the exit or of the hire (the placement's end). */
    baseDate: text('base_date').notNull(),
    months: integer('months').$type<MilestoneMonths>().notNull(),
    dueDate: text('due_date').notNull(),
    situation: text('situation', { enum: followUpSituations }),
    /** YYYY-MM-DD the situation was learned. */
    situationDate: text('situation_date'),
    recordedBy: text('recorded_by'),
    recordedAt: text('recorded_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('follow_ups_milestone_uq').on(t.participantId, t.causeKey, t.months),
    index('follow_ups_provider_due_idx').on(t.providerOrganizationId, t.dueDate),
    check('follow_ups_months', sql`${t.months} IN (3, 6, 12)`),
    check('follow_ups_recorded', sql`(${t.situation} IS NULL) = (${t.recordedAt} IS NULL)`),
  ],
);
