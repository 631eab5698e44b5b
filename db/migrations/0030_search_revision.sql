-- Issue #17: the embedded search's answers are kept in a Node process while nothing they depend on has
-- changed (src/search/answer-cache.ts). Its one row is moved on by the search index's writes (in their
-- own batches) and by these triggers, in the same transaction as the change, for what a search reads
-- live beside the index (statement.ts): a slot's or capacity listing's status, places and supervisor
-- room, its deletion, and an organization's name. Only real changes count (WHEN … IS NOT …): an edit of
-- a slot's text moves nothing here (its index task does, when it runs).
CREATE TABLE `search_revision` (
	`id` integer PRIMARY KEY NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `search_revision` (`id`, `revision`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `slots_search_revision_au` AFTER UPDATE OF `status`, `capacity`, `taken`, `supervisors_with_room` ON `slots`
WHEN old.`status` IS NOT new.`status` OR old.`capacity` IS NOT new.`capacity` OR old.`taken` IS NOT new.`taken`
	OR old.`supervisors_with_room` IS NOT new.`supervisors_with_room` BEGIN
	UPDATE `search_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `slots_search_revision_ad` AFTER DELETE ON `slots` BEGIN
	UPDATE `search_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `capacity_listings_search_revision_au` AFTER UPDATE OF `status`, `places`, `places_taken` ON `capacity_listings`
WHEN old.`status` IS NOT new.`status` OR old.`places` IS NOT new.`places` OR old.`places_taken` IS NOT new.`places_taken` BEGIN
	UPDATE `search_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `capacity_listings_search_revision_ad` AFTER DELETE ON `capacity_listings` BEGIN
	UPDATE `search_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_revision_au` AFTER UPDATE OF `name` ON `organizations`
WHEN old.`name` IS NOT new.`name` BEGIN
	UPDATE `search_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_revision_ad` AFTER DELETE ON `organizations` BEGIN
	UPDATE `search_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
