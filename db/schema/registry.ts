import { type SQLWrapper, sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AdaptationCode } from '../../src/domain/vocabulary';
import { levels, type programmeKinds, slotKinds, slotStatuses } from '../../src/domain/vocabulary';
import type { StrengthCode } from '../../src/domain/work-vocabulary';
import { bool, json, timestamps } from './columns';
import { organizations } from './organizations';

/**
 * Slot columns derived from the others: by the database (a generated column, trigger-kept supervisor
 * room; never written by the app) or by every write from the slot's words (match terms).
 */
export type DerivedSlotColumns = 'latBand' | 'supervisorRooms' | 'supervisorsWithRoom' | 'matchTerms';

/** Latitude bands per degree for `slots.lat_band` (see src/services/matching/candidates.ts). */
export const LAT_BANDS_PER_DEGREE = 20;

/**
 * The version prefix of stored match terms (`"v1abc "`, with its space; '' when there are none), as
 * the index `slots_terms_version_idx` holds it (db/migrations/0020_slot_terms_version_index.sql,
 * hand-written: drizzle-kit splits an index expression at its commas). The cron's backfill
 * (src/services/matching/terms-backfill.ts) seeks it for slots whose terms are missing or of an
 * older key function; a query must use this very expression to seek the index.
 */
export const termsVersionOf = (terms: SQLWrapper) =>
  sql`coalesce(substr(${terms}, 1, instr(${terms}, ' ')), '')`;

/** A supervised weekday window as the API shows it, normalised on write (sorted, merged). */
export interface Window {
  day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  start: string;
  end: string;
}

export interface OfferedAdaptation {
  code: AdaptationCode;
  status: 'in_place' | 'can_arrange';
}

export const sites = sqliteTable(
  'sites',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    address: text('address'),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    ...timestamps,
  },
  (t) => [index('sites_org_idx').on(t.organizationId)],
);

export const supervisors = sqliteTable(
  'supervisors',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    siteId: text('site_id').references(() => sites.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    /** Has taken the supervisor (handledar) course. */
    trained: bool('trained').notNull().default(false),
    maxParticipants: integer('max_participants').notNull(),
    languages: json<string[]>('languages').notNull(),
    /** Accepted and started placements this supervisor has now; the CHECK makes overbooking impossible. */
    activePlacements: integer('active_placements').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('supervisors_org_idx').on(t.organizationId),
    check(
      'supervisors_room',
      sql`${t.activePlacements} >= 0 AND ${t.activePlacements} <= ${t.maxParticipants}`,
    ),
  ],
);

export const slots = sqliteTable(
  'slots',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    siteId: text('site_id').references(() => sites.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    tasks: json<string[]>('tasks').notNull(),
    ssyk: text('ssyk'),
    occupationLabel: text('occupation_label').notNull(),
    kind: text('kind', { enum: slotKinds }).notNull(),
    municipalityCode: text('municipality_code').notNull(),
    address: text('address'),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    capacity: integer('capacity').notNull(),
    /** Places used by accepted and started placements; the CHECK makes overbooking impossible. */
    taken: integer('taken').notNull().default(0),
    schedule: json<Window[]>('schedule').notNull(),
    /** Bit d set when the slot has a supervised window on weekday d (mon = 0); for search filters. */
    daysMask: integer('days_mask').notNull(),
    hoursMin: real('hours_min').notNull(),
    hoursMax: real('hours_max').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    openEnded: bool('open_ended').notNull(),
    adaptations: json<OfferedAdaptation[]>('adaptations').notNull(),
    /** Bits of every offered adaptation (see src/domain/vocabulary.ts); for search filters. */
    adaptationMask: integer('adaptation_mask').notNull(),
    /**
     * Bits of the offered adaptations that are only arrangeable, not in place (canArrangeMask), for
     * the score bound; 0 (the default) reads as all in place, a looser bound, never a wrong one.
     */
    adaptationArrangeMask: integer('adaptation_arrange_mask').notNull().default(0),
    socialIntensity: text('social_intensity', { enum: levels }).notNull(),
    physicalDemand: text('physical_demand', { enum: levels }).notNull(),
    subsidies: json<string[]>('subsidies').notNull(),
    leadsToHire: bool('leads_to_hire').notNull(),
    /** The qualities the work suits, as strength codes participants pick from too (work-vocabulary.ts). */
    suits: json<StrengthCode[]>('suits').notNull().default([]),
    status: text('status', { enum: slotStatuses }).notNull(),
    ...timestamps,
    /**
     * The latitude band (0.05°, about 5.6 km) a slot lies in, computed by SQLite. Matching's candidate
     * query seeks each band a participant's travel radius touches and reads a longitude range in it.
     */
    /**
     * The slot's supervisors as matching reads them, `[[id, maxParticipants, activePlacements,
     * trained (0/1)], …]`, and how many of them have room. Kept by triggers on slot_supervisors and
     * supervisors (db/migrations/0006_supervisor_rooms.sql), never written by the services, so
     * matching reads one row per slot instead of its links and supervisors.
     */
    supervisorRooms: text('supervisor_rooms').notNull().default('[]'),
    /**
     * The slot's matching terms with their version (src/matching/terms.ts), written with the slot's
     * text, so the candidate query counts a participant's words a slot meets without reading its
     * text. NULL or an older version: the query assumes every word meets (slower, never wrong).
     */
    matchTerms: text('match_terms'),
    supervisorsWithRoom: integer('supervisors_with_room').notNull().default(0),
    latBand: integer('lat_band').generatedAlwaysAs(
      sql`CAST((lat + 90) * ${sql.raw(String(LAT_BANDS_PER_DEGREE))} AS INTEGER)`,
      {
        mode: 'virtual',
      },
    ),
  },
  (t) => [
    index('slots_org_idx').on(t.organizationId),
    // Matching's candidate query (src/services/matching/candidates.ts): open slots by band and
    // longitude, then every column its hard constraints test, so the scan never reads a table row
    // it throws away.
    index('slots_match_idx').on(
      t.status,
      t.latBand,
      t.lon,
      t.lat,
      t.kind,
      t.adaptationMask,
      t.daysMask,
      t.hoursMin,
      t.taken,
      t.capacity,
      t.supervisorsWithRoom,
    ),
    // The score-bound statement for one participant (candidates.ts boundStatement): the same seek
    // with every column it returns, so it reads no table row at all (COVERING INDEX). On the band's
    // expression, not on lat_band: SQLite does not cover a virtual column with an index.
    index('slots_bound_idx').on(
      t.status,
      sql`CAST((${sql.identifier('lat')} + 90) * ${sql.raw(String(LAT_BANDS_PER_DEGREE))} AS INTEGER)`,
      t.lon,
      t.lat,
      t.kind,
      t.adaptationMask,
      t.daysMask,
      t.hoursMin,
      t.taken,
      t.capacity,
      t.supervisorsWithRoom,
      t.id,
      t.openEnded,
      t.startDate,
      t.endDate,
      t.leadsToHire,
      t.socialIntensity,
      t.physicalDemand,
      t.hoursMax,
      t.matchTerms,
      // For the score bound's supervisor term: whether one of them has had the training (0025).
      t.supervisorRooms,
      // For its adaptations term: which offered ones are only arrangeable (0026).
      t.adaptationArrangeMask,
    ),
    check('slots_places', sql`${t.taken} >= 0 AND ${t.taken} <= ${t.capacity}`),
  ],
);

export const slotSupervisors = sqliteTable(
  'slot_supervisors',
  {
    slotId: text('slot_id')
      .notNull()
      .references(() => slots.id, { onDelete: 'cascade' }),
    supervisorId: text('supervisor_id')
      .notNull()
      .references(() => supervisors.id),
  },
  (t) => [
    primaryKey({ columns: [t.slotId, t.supervisorId] }),
    index('slot_supervisors_sup_idx').on(t.supervisorId),
  ],
);

/** A social enterprise's work-training capacity: places across activity areas, not one job. */
export const capacityListings = sqliteTable(
  'capacity_listings',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    siteId: text('site_id').references(() => sites.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    activityAreas: json<string[]>('activity_areas').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    places: integer('places').notNull(),
    placesTaken: integer('places_taken').notNull().default(0),
    /** Participants per supervisor, e.g. 4 for "1:4". */
    participantsPerSupervisor: real('participants_per_supervisor').notNull(),
    programmes: json<(typeof programmeKinds)[number][]>('programmes').notNull(),
    referralSources: json<string[]>('referral_sources').notNull(),
    hoursMin: real('hours_min').notNull(),
    hoursMax: real('hours_max').notNull(),
    status: text('status', { enum: slotStatuses }).notNull(),
    ...timestamps,
  },
  (t) => [
    index('capacity_org_idx').on(t.organizationId),
    check('capacity_places', sql`${t.placesTaken} >= 0 AND ${t.placesTaken} <= ${t.places}`),
  ],
);

/**
 * Append-only log of slot changes (edits, places taken or freed, supervisor room). Its autoincrement
 * id is a database-assigned sequence, so any instance can keep an in-memory matching index in step
 * by reading the rows after the last one it saw, on libSQL and D1 alike. Old rows are pruned.
 */
export const slotChanges = sqliteTable(
  'slot_changes',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    slotId: text('slot_id').notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('slot_changes_changed_at_idx').on(t.changedAt)],
);
