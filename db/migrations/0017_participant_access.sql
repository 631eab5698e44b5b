CREATE TABLE `participant_access_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`revoked_by` text,
	`last_used_at` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participant_access_codes_hash_uq` ON `participant_access_codes` (`code_hash`);--> statement-breakpoint
CREATE INDEX `participant_access_codes_participant_idx` ON `participant_access_codes` (`participant_id`,`id`);--> statement-breakpoint
CREATE TABLE `participant_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`at` text NOT NULL,
	`changes` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `participant_changes_participant_idx` ON `participant_changes` (`participant_id`,`id`);--> statement-breakpoint
CREATE TABLE `participant_check_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`placement_id` text,
	`week_start` text NOT NULL,
	`rating` integer NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "participant_check_ins_rating" CHECK("participant_check_ins"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participant_check_ins_week_uq` ON `participant_check_ins` (`participant_id`,`week_start`);--> statement-breakpoint
CREATE TABLE `participant_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`requested_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `participant_requests_participant_idx` ON `participant_requests` (`participant_id`,`id`);--> statement-breakpoint
CREATE TABLE `participant_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`code_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`code_id`) REFERENCES `participant_access_codes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `participant_sessions_code_idx` ON `participant_sessions` (`code_id`);--> statement-breakpoint
CREATE INDEX `participant_sessions_expires_idx` ON `participant_sessions` (`expires_at`);