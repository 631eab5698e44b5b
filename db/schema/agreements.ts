/**
 * The placement agreement the participant, the employer and the handler each approve (issue #16).
 *
 * Versions are immutable rows: every change is a new version carrying who made it and which parts
 * changed, so earlier versions stay readable. Approvals name a version; a change therefore leaves
 * every approval on the version before it (all approvals are withdrawn at once, nothing is deleted).
 * An approval can only be inserted for the newest version: its placement id is read back through a
 * subquery that finds nothing for an older one, and the NOT NULL constraint refuses the row (the same
 * device as placement transitions, no interactive transaction needed on D1).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AdaptationCode } from '../../src/domain/vocabulary';
import { bool, json } from './columns';
import { participants } from './participants';
import { placements } from './placements';
import type { Window } from './registry';

/** Why the placement is there, from a small vocabulary (DOMAIN.md: SE goals). */
export const agreementGoals = [
  'try_occupation',
  'build_routines',
  'grow_hours',
  'towards_hire',
  'towards_studies',
] as const;
export type AgreementGoal = (typeof agreementGoals)[number];

/** The three who approve a version. */
export const agreementParties = ['participant', 'employer', 'handler'] as const;
export type AgreementParty = (typeof agreementParties)[number];

/** The authorities and others around the participant, each with its own consent. */
export const supportParties = [
  'arbetsformedlingen',
  'forsakringskassan',
  'municipality',
  'region',
  'other',
] as const;
export type SupportParty = (typeof supportParties)[number];

export const checkInCadences = ['weekly', 'every_other_week', 'monthly'] as const;
export const followUpBy = ['handler', 'supervisor', 'handler_and_supervisor'] as const;

export interface SupportContact {
  party: SupportParty;
  /** A named professional (not the participant), e.g. "Kim Berg, arbetsförmedlare". */
  name: string;
  role?: string;
  /** The participant agreed that this party is part of their team and may be told about the placement. */
  consent: boolean;
}

/** What a version says. Stored as one JSON value: a version is read and written whole. */
export interface AgreementContent {
  tasks: string[];
  goals: AgreementGoal[];
  hoursPlan: { startHoursPerWeek: number; steps: { fromWeek: number; hoursPerWeek: number }[] };
  schedule: Window[];
  adaptations: AdaptationCode[];
  supervisorId: string | null;
  followUp: { cadence: (typeof checkInCadences)[number]; by: (typeof followUpBy)[number] };
  dates: { start: string; review: string; end: string | null };
  supportTeam: SupportContact[];
}

export const agreementVersions = sqliteTable(
  'agreement_versions',
  {
    id: text('id').primaryKey(),
    placementId: text('placement_id')
      .notNull()
      .references(() => placements.id),
    /** 1, 2, 3 … per placement; the unique index lets only one of two concurrent changes win. */
    version: integer('version').notNull(),
    content: json<AgreementContent>('content').notNull(),
    /** The top-level parts that differ from the version before (all of them for the first). */
    changedFields: json<string[]>('changed_fields').notNull(),
    changedBy: text('changed_by').notNull(),
    changedByOrganizationId: text('changed_by_organization_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('agreement_versions_placement_version_uq').on(t.placementId, t.version)],
);

export const agreementApprovals = sqliteTable(
  'agreement_approvals',
  {
    id: text('id').primaryKey(),
    /** Read back through the "newest version" subquery: NULL (refused) for an older version. */
    placementId: text('placement_id')
      .notNull()
      .references(() => placements.id),
    version: integer('version').notNull(),
    party: text('party', { enum: agreementParties }).notNull(),
    /** The person who approved: a user of the party's organization; null for the participant themself. */
    approvedBy: text('approved_by'),
    approvedByOrganizationId: text('approved_by_organization_id'),
    /** The participant's approval given by the handler, with the reason they stated. */
    onBehalf: bool('on_behalf').notNull().default(false),
    reason: text('reason'),
    /** Set when the participant approved themself (through their own sign-in). */
    participantId: text('participant_id').references(() => participants.id),
    at: text('at').notNull(),
  },
  (t) => [
    uniqueIndex('agreement_approvals_party_uq').on(t.placementId, t.version, t.party),
    index('agreement_approvals_placement_idx').on(t.placementId, t.version),
  ],
);

/**
 * Notices for the participant's own page (they have no email in the registry): "your approval is
 * wanted". One per placement and version; `seenAt` is set by the participant's page.
 */
export const participantNotices = sqliteTable(
  'participant_notices',
  {
    id: text('id').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    kind: text('kind', { enum: ['agreement_approval_wanted'] }).notNull(),
    placementId: text('placement_id')
      .notNull()
      .references(() => placements.id),
    version: integer('version').notNull(),
    createdAt: text('created_at').notNull(),
    seenAt: text('seen_at'),
  },
  (t) => [
    uniqueIndex('participant_notices_uq').on(t.participantId, t.kind, t.placementId, t.version),
    index('participant_notices_participant_idx').on(t.participantId, t.id).where(sql`seen_at IS NULL`),
  ],
);
