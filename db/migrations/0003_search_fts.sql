-- Embedded slot search (src/search/embedded/): derived data only, rebuilt by `npm run reindex`.
-- Kept out of the drizzle schema on purpose (drizzle cannot express FTS5); nothing else reads it.
--
-- search_docs: one row per indexed slot with the fields filters use, narrow so that scans stay cheap.
-- `cell` is a grid cell (0.1° latitude × 0.2° longitude, about 11 × 11 km) for the distance pre-filter;
-- the cell index covers every filter column, so a radius search reads only the index (documents
-- near each other sit together in it) and never a table row it then throws away.
CREATE TABLE `search_docs` (
	`docid` integer PRIMARY KEY,
	`slot_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`status` text NOT NULL,
	`kind` text NOT NULL,
	`municipality_code` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`cell` integer NOT NULL,
	`days_mask` integer NOT NULL,
	`adaptation_mask` integer NOT NULL,
	`hours_min` real NOT NULL,
	`hours_max` real NOT NULL,
	`open_ended` integer NOT NULL,
	`start_day` integer NOT NULL,
	`end_day` integer,
	`leads_to_hire` integer NOT NULL,
	`social_intensity` text NOT NULL,
	`physical_demand` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_slot_uq` ON `search_docs` (`slot_id`);
--> statement-breakpoint
CREATE INDEX `search_docs_cell_idx` ON `search_docs` (`cell`, `status`, `kind`, `days_mask`, `adaptation_mask`, `open_ended`, `end_day`, `lat`, `lon`, `start_day`, `hours_min`, `hours_max`, `leads_to_hire`, `social_intensity`, `physical_demand`, `municipality_code`, `organization_id`);
--> statement-breakpoint
CREATE INDEX `search_docs_municipality_idx` ON `search_docs` (`municipality_code`, `status`);
--> statement-breakpoint
CREATE INDEX `search_docs_org_idx` ON `search_docs` (`organization_id`, `status`);
--> statement-breakpoint
-- The text a slot is found by (title; occupation, tasks and description), the content of search_words.
CREATE TABLE `search_text` (
	`docid` integer PRIMARY KEY,
	`title` text NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
-- Swedish words as written: å, ä and ö stay letters of their own (remove_diacritics 0), case folded.
-- Prefix indexes of 2 and 3 characters keep "as you type" queries fast.
CREATE VIRTUAL TABLE `search_words` USING fts5(
	title, body,
	content = 'search_text', content_rowid = 'docid',
	tokenize = 'unicode61 remove_diacritics 0',
	prefix = '2 3'
);
--> statement-breakpoint
-- Every word the index has seen, for compound parts ("verkstad" in "bilverkstad", through the trigram
-- table) and typo correction (words within one or two edits). Words are only added (a stale word
-- finds nothing); a reindex starts the list afresh. The trigger keeps the trigram table in step.
CREATE TABLE `search_terms` (
	`id` integer PRIMARY KEY,
	`term` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_terms_term_uq` ON `search_terms` (`term`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_terms_trigram` USING fts5(
	term,
	content = 'search_terms', content_rowid = 'id',
	tokenize = 'trigram'
);
--> statement-breakpoint
CREATE TRIGGER `search_terms_ai` AFTER INSERT ON `search_terms` BEGIN
	INSERT INTO `search_terms_trigram` (rowid, term) VALUES (new.id, new.term);
END;
