-- Embedded slot search: the free places as last indexed, and a cell index that covers every column a
-- search reads, so a radius search or a browse never reads a table row. Availability is still
-- decided live for any slot whose index task has not run yet (see src/search/embedded/statement.ts).
ALTER TABLE `search_docs` ADD COLUMN `free_places` integer NOT NULL DEFAULT 0;
--> statement-breakpoint
UPDATE `search_docs` SET `free_places` = coalesce(
	(SELECT max(0, `capacity` - `taken`) FROM `slots` WHERE `slots`.`id` = `search_docs`.`slot_id`), 0);
--> statement-breakpoint
DROP INDEX IF EXISTS `search_docs_cell_idx`;
--> statement-breakpoint
CREATE INDEX `search_docs_cell_idx` ON `search_docs` (`cell`, `status`, `kind`, `days_mask`, `adaptation_mask`, `open_ended`, `end_day`, `free_places`, `lat`, `lon`, `start_day`, `hours_min`, `hours_max`, `leads_to_hire`, `social_intensity`, `physical_demand`, `municipality_code`, `organization_id`, `created_at`, `slot_id`);
--> statement-breakpoint
CREATE INDEX `search_docs_created_idx` ON `search_docs` (`status`, `created_at`);
