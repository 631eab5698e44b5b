/**
 * The participant's own way in (src/services/participant-access): access codes a handler prints for
 * a participant, the device sessions opened with them, the corrections the participant made to their
 * profile, their weekly check-ins and their requests for an export or erasure. Nothing here names the
 * person: no names, emails or phone numbers; codes and session tokens are stored as SHA-256 hashes.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { json } from './columns';
import { organizations, users } from './organizations';
import { participants } from './participants';
import { placements } from './placements';

/** A code a handler gave a participant: it signs in until it expires or is revoked. */
export const participantAccessCodes = sqliteTable(
  'participant_access_codes',
  {
    id: text('id').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** SHA-256 (hex) of the normalised code: a copy of the database signs no one in. */
    codeHash: text('code_hash').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    revokedBy: text('revoked_by'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [
    uniqueIndex('participant_access_codes_hash_uq').on(t.codeHash),
    index('participant_access_codes_participant_idx').on(t.participantId, t.id),
  ],
);

/**
 * A participant's signed-in device. Like web_sessions: the cookie holds a random token, the row its
 * hash. It lives no longer than the code it was opened with, and revoking that code ends it.
 */
export const participantSessions = sqliteTable(
  'participant_sessions',
  {
    id: text('id').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    codeId: text('code_id')
      .notNull()
      .references(() => participantAccessCodes.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    endedAt: text('ended_at'),
  },
  (t) => [
    index('participant_sessions_code_idx').on(t.codeId),
    index('participant_sessions_expires_idx').on(t.expiresAt),
  ],
);

export const correctableFields = ['strengths', 'interests', 'avoid', 'availability'] as const;
export type CorrectableField = (typeof correctableFields)[number];

export interface FieldChange {
  field: CorrectableField;
  before: unknown;
  after: unknown;
}

/** A correction the participant made to their own profile, for the handler to see. Deleted on erasure. */
export const participantChanges = sqliteTable(
  'participant_changes',
  {
    id: text('id').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    at: text('at').notNull(),
    changes: json<FieldChange[]>('changes').notNull(),
  },
  (t) => [index('participant_changes_participant_idx').on(t.participantId, t.id)],
);

/** How the week went (1–5) and a short note, once per week (recording again corrects it). */
export const participantCheckIns = sqliteTable(
  'participant_check_ins',
  {
    id: text('id').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    /** The placement under way that week, if any. */
    placementId: text('placement_id').references(() => placements.id),
    /** Monday of the week (local date). */
    weekStart: text('week_start').notNull(),
    rating: integer('rating').notNull(),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('participant_check_ins_week_uq').on(t.participantId, t.weekStart),
    check('participant_check_ins_rating', sql`${t.rating} BETWEEN 1 AND 5`),
  ],
);

export const participantRequestKinds = ['export', 'erasure'] as const;
export type ParticipantRequestKind = (typeof participantRequestKinds)[number];
export const participantRequestStatuses = ['pending', 'confirmed', 'declined'] as const;

/** The participant asks for their record or its erasure; their handler confirms. */
export const participantRequests = sqliteTable(
  'participant_requests',
  {
    id: text('id').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    kind: text('kind', { enum: participantRequestKinds }).notNull(),
    status: text('status', { enum: participantRequestStatuses }).notNull(),
    requestedAt: text('requested_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
  },
  (t) => [index('participant_requests_participant_idx').on(t.participantId, t.id)],
);
