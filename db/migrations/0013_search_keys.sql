-- Issue #14: search that understands Swedish work (src/lib/swedish, src/search/document.ts).
-- 1. search_text gains `keys`: derived search keys of the slot's text (folded stems, compound parts,
--    word families) and its occupation ("ssyk9412"), so "diskare", "tradgard", "bakning" and
--    "verkstad" find what they mean. The full-text table is rebuilt with it as a third column.
--    No personal data: keys come from slot text only.
-- 2. search_docs gains `ssyk` (filters and facets by unit group and major group) and
--    `supervisor_room` (a supervisor with room), which a trigger keeps in step with the slot's
--    supervisors, so search lists by default only slots that can take someone now.
-- 3. Every indexed slot is queued for reindexing through the outbox, which fills the keys.
ALTER TABLE `search_text` ADD COLUMN `keys` text NOT NULL DEFAULT '';
--> statement-breakpoint
ALTER TABLE `search_docs` ADD COLUMN `ssyk` text;
--> statement-breakpoint
ALTER TABLE `search_docs` ADD COLUMN `supervisor_room` integer NOT NULL DEFAULT 1;
--> statement-breakpoint
UPDATE `search_docs` SET
	`ssyk` = (SELECT `ssyk` FROM `slots` WHERE `slots`.`id` = `search_docs`.`slot_id`),
	`supervisor_room` = coalesce((SELECT `supervisors_with_room` > 0 FROM `slots` WHERE `slots`.`id` = `search_docs`.`slot_id`), 0);
--> statement-breakpoint
CREATE INDEX `search_docs_ssyk_idx` ON `search_docs` (`ssyk`, `created_at`);
--> statement-breakpoint
CREATE TRIGGER `search_docs_supervisor_room` AFTER UPDATE OF `supervisors_with_room` ON `slots`
WHEN (old.`supervisors_with_room` > 0) <> (new.`supervisors_with_room` > 0) BEGIN
	UPDATE `search_docs` SET `supervisor_room` = new.`supervisors_with_room` > 0 WHERE `slot_id` = new.`id`;
END;
--> statement-breakpoint
DROP TABLE `search_words`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_words` USING fts5(
	title, body, keys,
	content = 'search_text', content_rowid = 'docid',
	tokenize = 'unicode61 remove_diacritics 0',
	prefix = '2 3'
);
--> statement-breakpoint
INSERT INTO `search_words` (`search_words`) VALUES ('rebuild');
--> statement-breakpoint
INSERT INTO `outbox` (`id`, `topic`, `dedupe_key`, `payload`, `status`, `generation`, `attempts`, `next_attempt_at`, `due_at`, `created_at`)
SELECT 'obx_keys_' || `slot_id`, 'search.slot', 'search.slot:' || `slot_id`, json_object('slotId', `slot_id`), 'pending', 0, 0,
	strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM `search_docs` WHERE true
ON CONFLICT (`dedupe_key`) DO UPDATE SET `status` = 'pending', `generation` = `generation` + 1, `attempts` = 0,
	`next_attempt_at` = excluded.`next_attempt_at`, `due_at` = excluded.`due_at`, `locked_until` = NULL;
