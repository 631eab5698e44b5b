CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` text,
	`actor_organization_id` text,
	`participant_id` text NOT NULL,
	`provider_organization_id` text NOT NULL,
	`action` text NOT NULL,
	`fields` text NOT NULL,
	`placement_id` text,
	`recipient_organization_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_provider_idx` ON `audit_log` (`provider_organization_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_participant_idx` ON `audit_log` (`participant_id`,`id`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`employer_organization_id` text NOT NULL,
	`fields` text NOT NULL,
	`given_by` text NOT NULL,
	`given_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`given_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_participant_employer_idx` ON `consents` (`participant_id`,`employer_organization_id`,`id`);--> statement-breakpoint
CREATE TABLE `employer_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`provider_organization_id` text NOT NULL,
	`employer_organization_id` text NOT NULL,
	`user_id` text NOT NULL,
	`date` text NOT NULL,
	`channel` text NOT NULL,
	`outcome` text NOT NULL,
	`next_step` text,
	`next_step_date` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`provider_organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `employer_contacts_provider_employer_idx` ON `employer_contacts` (`provider_organization_id`,`employer_organization_id`,`id`);--> statement-breakpoint
CREATE INDEX `employer_contacts_provider_idx` ON `employer_contacts` (`provider_organization_id`,`id`);--> statement-breakpoint
CREATE TABLE `placement_check_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`placement_id` text NOT NULL,
	`date` text NOT NULL,
	`with` text NOT NULL,
	`note` text,
	`recorded_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `placement_check_ins_placement_idx` ON `placement_check_ins` (`placement_id`,`date`);--> statement-breakpoint
CREATE TABLE `placement_hours` (
	`placement_id` text NOT NULL,
	`week_start` text NOT NULL,
	`hours` real NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "placement_hours_range" CHECK("placement_hours"."hours" >= 0 AND "placement_hours"."hours" <= 80)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `placement_hours_week_uq` ON `placement_hours` (`placement_id`,`week_start`);--> statement-breakpoint
CREATE TABLE `placement_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`placement_id` text NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`recorded_by` text NOT NULL,
	`recorded_by_organization_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `placement_meetings_placement_idx` ON `placement_meetings` (`placement_id`,`date`);--> statement-breakpoint
CREATE TABLE `placement_transitions` (
	`id` text PRIMARY KEY NOT NULL,
	`placement_id` text NOT NULL,
	`state` text NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` text,
	`actor_organization_id` text,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `placement_transitions_placement_idx` ON `placement_transitions` (`placement_id`,`at`);--> statement-breakpoint
CREATE TABLE `placements` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`provider_organization_id` text NOT NULL,
	`slot_id` text NOT NULL,
	`employer_organization_id` text NOT NULL,
	`supervisor_id` text,
	`proposed_by` text NOT NULL,
	`state` text NOT NULL,
	`transition_token` text NOT NULL,
	`proposed_at` text NOT NULL,
	`accepted_at` text,
	`declined_at` text,
	`withdrawn_at` text,
	`started_at` text,
	`ended_at` text,
	`start_date` text,
	`end_date` text,
	`decline_reason` text,
	`note` text,
	`withdrawn_by_organization_id` text,
	`outcome` text,
	`hired_by_employer` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`slot_id`) REFERENCES `slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_id`) REFERENCES `supervisors`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "placements_supervised" CHECK("placements"."state" NOT IN ('accepted', 'started') OR "placements"."supervisor_id" IS NOT NULL),
	CONSTRAINT "placements_outcome" CHECK(("placements"."state" = 'ended') = ("placements"."outcome" IS NOT NULL AND "placements"."hired_by_employer" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `placements_live_uq` ON `placements` (`participant_id`,`slot_id`) WHERE state IN ('proposed', 'accepted', 'started');--> statement-breakpoint
CREATE INDEX `placements_slot_idx` ON `placements` (`slot_id`,`state`);--> statement-breakpoint
CREATE INDEX `placements_provider_idx` ON `placements` (`provider_organization_id`,`id`);--> statement-breakpoint
CREATE INDEX `placements_employer_idx` ON `placements` (`employer_organization_id`,`id`);--> statement-breakpoint
CREATE INDEX `placements_participant_idx` ON `placements` (`participant_id`);--> statement-breakpoint
CREATE INDEX `placements_supervisor_idx` ON `placements` (`supervisor_id`);