CREATE TABLE `follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`provider_organization_id` text NOT NULL,
	`cause` text NOT NULL,
	`placement_id` text,
	`cause_key` text NOT NULL,
	`base_date` text NOT NULL,
	`months` integer NOT NULL,
	`due_date` text NOT NULL,
	`situation` text,
	`situation_date` text,
	`recorded_by` text,
	`recorded_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "follow_ups_months" CHECK("follow_ups"."months" IN (3, 6, 12)),
	CONSTRAINT "follow_ups_recorded" CHECK(("follow_ups"."situation" IS NULL) = ("follow_ups"."recorded_at" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_milestone_uq` ON `follow_ups` (`participant_id`,`cause_key`,`months`);--> statement-breakpoint
CREATE INDEX `follow_ups_provider_due_idx` ON `follow_ups` (`provider_organization_id`,`due_date`);--> statement-breakpoint
CREATE TABLE `participant_exits` (
	`participant_id` text PRIMARY KEY NOT NULL,
	`provider_organization_id` text NOT NULL,
	`date` text NOT NULL,
	`outcome` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `participant_exits_provider_date_idx` ON `participant_exits` (`provider_organization_id`,`date`);--> statement-breakpoint
ALTER TABLE `employer_contacts` ADD `participant_id` text REFERENCES participants(id);--> statement-breakpoint
CREATE INDEX `employer_contacts_participant_idx` ON `employer_contacts` (`participant_id`,`date`);