import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps } from './columns';

export const organizationKinds = ['employer', 'social_enterprise', 'provider'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const roles = ['admin', 'coordinator', 'handler', 'employer', 'enterprise'] as const;
export type Role = (typeof roles)[number];

export const organizations = sqliteTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /**
     * The name folded for a filter without case (å ä ö é ü … too) and its Swedish sort key (å ä ö
     * after z), written with the name (nameColumns in src/lib/swedish-order.ts). The empty default
     * is for rows written past the organization service (benches, fixtures): never filtered in.
     */
    nameFolded: text('name_folded').notNull().default(''),
    nameSort: text('name_sort').notNull().default(''),
    kind: text('kind', { enum: organizationKinds }).notNull(),
    organizationNumber: text('organization_number').notNull(),
    contactEmail: text('contact_email').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    /** Set when the organization is deactivated; its keys stop working, its history stays. */
    deactivatedAt: text('deactivated_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('organizations_number_uq').on(t.organizationNumber),
    index('organizations_kind_idx').on(t.kind),
    /** The employer list: one kind, by name (Swedish order), paged by (name_sort, id). */
    index('organizations_kind_name_idx').on(t.kind, t.nameSort, t.id),
  ],
);

/** A named person in an organization; the one who acts when their key is used. */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: roles }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_org_email_uq').on(t.organizationId, t.email)],
);

/** API keys are stored as SHA-256 hashes; the plain key is shown once when issued. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    hash: text('hash').notNull(),
    /** The first characters of the key, so people can tell their keys apart. */
    prefix: text('prefix').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.hash), index('api_keys_org_idx').on(t.organizationId)],
);
