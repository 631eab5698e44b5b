CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_uq` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE INDEX `api_keys_org_idx` ON `api_keys` (`organization_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`organization_number` text NOT NULL,
	`contact_email` text NOT NULL,
	`municipality_code` text NOT NULL,
	`deactivated_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_number_uq` ON `organizations` (`organization_number`);--> statement-breakpoint
CREATE INDEX `organizations_kind_idx` ON `organizations` (`kind`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_org_email_uq` ON `users` (`organization_id`,`email`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`topic` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`generation` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`locked_until` text,
	`last_error` text,
	`created_at` text NOT NULL,
	`done_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_uq` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_topic_idx` ON `outbox` (`topic`,`status`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`handler_id` text NOT NULL,
	`reference` text NOT NULL,
	`strengths` text NOT NULL,
	`interests` text NOT NULL,
	`avoid` text NOT NULL,
	`availability` text NOT NULL,
	`hours_now` real NOT NULL,
	`hours_target` real NOT NULL,
	`ramp_up` text NOT NULL,
	`adaptation_needs` text NOT NULL,
	`municipality_code` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`max_travel_km` real NOT NULL,
	`preferences` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handler_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_org_reference_uq` ON `participants` (`organization_id`,`reference`);--> statement-breakpoint
CREATE INDEX `participants_org_handler_idx` ON `participants` (`organization_id`,`handler_id`);--> statement-breakpoint
CREATE TABLE `capacity_listings` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`site_id` text,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`activity_areas` text NOT NULL,
	`municipality_code` text NOT NULL,
	`places` integer NOT NULL,
	`places_taken` integer DEFAULT 0 NOT NULL,
	`participants_per_supervisor` real NOT NULL,
	`programmes` text NOT NULL,
	`referral_sources` text NOT NULL,
	`hours_min` real NOT NULL,
	`hours_max` real NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "capacity_places" CHECK("capacity_listings"."places_taken" >= 0 AND "capacity_listings"."places_taken" <= "capacity_listings"."places")
);
--> statement-breakpoint
CREATE INDEX `capacity_org_idx` ON `capacity_listings` (`organization_id`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`municipality_code` text NOT NULL,
	`address` text,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sites_org_idx` ON `sites` (`organization_id`);--> statement-breakpoint
CREATE TABLE `slot_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slot_id` text NOT NULL,
	`changed_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slot_changes_changed_at_idx` ON `slot_changes` (`changed_at`);--> statement-breakpoint
CREATE TABLE `slot_supervisors` (
	`slot_id` text NOT NULL,
	`supervisor_id` text NOT NULL,
	PRIMARY KEY(`slot_id`, `supervisor_id`),
	FOREIGN KEY (`slot_id`) REFERENCES `slots`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supervisor_id`) REFERENCES `supervisors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `slot_supervisors_sup_idx` ON `slot_supervisors` (`supervisor_id`);--> statement-breakpoint
CREATE TABLE `slots` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`site_id` text,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`tasks` text NOT NULL,
	`ssyk` text,
	`occupation_label` text NOT NULL,
	`kind` text NOT NULL,
	`municipality_code` text NOT NULL,
	`address` text,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`capacity` integer NOT NULL,
	`taken` integer DEFAULT 0 NOT NULL,
	`schedule` text NOT NULL,
	`days_mask` integer NOT NULL,
	`hours_min` real NOT NULL,
	`hours_max` real NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`open_ended` integer NOT NULL,
	`adaptations` text NOT NULL,
	`adaptation_mask` integer NOT NULL,
	`social_intensity` text NOT NULL,
	`physical_demand` text NOT NULL,
	`subsidies` text NOT NULL,
	`leads_to_hire` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "slots_places" CHECK("slots"."taken" >= 0 AND "slots"."taken" <= "slots"."capacity")
);
--> statement-breakpoint
CREATE INDEX `slots_org_idx` ON `slots` (`organization_id`);--> statement-breakpoint
CREATE INDEX `slots_open_geo_idx` ON `slots` (`status`,`lat`,`lon`);--> statement-breakpoint
CREATE TABLE `supervisors` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`site_id` text,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text,
	`trained` integer DEFAULT false NOT NULL,
	`max_participants` integer NOT NULL,
	`languages` text NOT NULL,
	`active_placements` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "supervisors_room" CHECK("supervisors"."active_placements" >= 0 AND "supervisors"."active_placements" <= "supervisors"."max_participants")
);
--> statement-breakpoint
CREATE INDEX `supervisors_org_idx` ON `supervisors` (`organization_id`);