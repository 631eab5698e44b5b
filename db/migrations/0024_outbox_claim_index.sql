-- The outbox's claim gets a partial index of the rows still to run, in the claim's order; the two
-- indexes it replaces covered every row, done ones (most of the table) included, so each write that
-- queued or finished an effect moved entries in both (db/schema/outbox.ts). No other query used them.
DROP INDEX `outbox_due_idx`;--> statement-breakpoint
DROP INDEX `outbox_topic_idx`;--> statement-breakpoint
CREATE INDEX `outbox_claim_idx` ON `outbox` (`next_attempt_at`,`id`) WHERE "outbox"."status" = 'pending';