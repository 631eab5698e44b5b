import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AdaptationCode, Level, SlotKind } from '../../src/domain/vocabulary';
import { json, timestamps } from './columns';
import { organizations, users } from './organizations';
import type { Window } from './registry';

export interface AdaptationNeed {
  code: AdaptationCode;
  priority: 'must' | 'nice';
}
export interface RampStep {
  afterWeeks: number;
  hoursPerWeek: number;
}
export interface ParticipantPreferences {
  socialIntensity?: Level;
  physicalDemand?: Level;
  kinds?: SlotKind[];
}

export const participantStatuses = ['active', 'ended', 'erased'] as const;

/**
 * A participant, pseudonymous: `reference` is the handler's own code. No names, identity numbers,
 * contact details or diagnoses are stored; adaptation needs are functional needs.
 */
export const participants = sqliteTable(
  'participants',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    handlerId: text('handler_id')
      .notNull()
      .references(() => users.id),
    reference: text('reference').notNull(),
    strengths: json<string[]>('strengths').notNull(),
    interests: json<string[]>('interests').notNull(),
    avoid: json<string[]>('avoid').notNull(),
    availability: json<Window[]>('availability').notNull(),
    hoursNow: real('hours_now').notNull(),
    hoursTarget: real('hours_target').notNull(),
    rampUp: json<RampStep[]>('ramp_up').notNull(),
    adaptationNeeds: json<AdaptationNeed[]>('adaptation_needs').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    maxTravelKm: real('max_travel_km').notNull(),
    preferences: json<ParticipantPreferences>('preferences').notNull(),
    status: text('status', { enum: participantStatuses }).notNull().default('active'),
    /** Bumped on every change; lets clients and caches notice edits. */
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('participants_org_reference_uq').on(t.organizationId, t.reference),
    index('participants_org_handler_idx').on(t.organizationId, t.handlerId),
  ],
);
