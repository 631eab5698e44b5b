DROP INDEX `slots_open_geo_idx`;--> statement-breakpoint
ALTER TABLE `slots` ADD `supervisor_rooms` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `slots` ADD `supervisors_with_room` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `slots` ADD `lat_band` integer GENERATED ALWAYS AS (CAST((lat + 90) * 20 AS INTEGER)) VIRTUAL;--> statement-breakpoint
CREATE INDEX `slots_match_idx` ON `slots` (`status`,`lat_band`,`lon`,`lat`,`kind`,`adaptation_mask`,`days_mask`,`hours_min`,`taken`,`capacity`,`supervisors_with_room`);