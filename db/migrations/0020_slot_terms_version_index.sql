-- Slots by the version prefix of their stored match terms ('' when there are none), so the cron's
-- backfill (src/services/matching/terms-backfill.ts) finds the slots whose terms are missing or of
-- an older key function by a seek instead of reading the registry. The expression must stay
-- exactly as `termsVersionOf` (db/schema/registry.ts) writes it, or queries stop using the index.
-- Hand-written: drizzle-kit splits an index expression at its commas.
CREATE INDEX `slots_terms_version_idx` ON `slots` (coalesce(substr("match_terms", 1, instr("match_terms", ' ')), ''));
