CREATE TABLE `agreement_approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`placement_id` text NOT NULL,
	`version` integer NOT NULL,
	`party` text NOT NULL,
	`approved_by` text,
	`approved_by_organization_id` text,
	`on_behalf` integer DEFAULT false NOT NULL,
	`reason` text,
	`participant_id` text,
	`at` text NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_approvals_party_uq` ON `agreement_approvals` (`placement_id`,`version`,`party`);--> statement-breakpoint
CREATE INDEX `agreement_approvals_placement_idx` ON `agreement_approvals` (`placement_id`,`version`);--> statement-breakpoint
CREATE TABLE `agreement_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`placement_id` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`changed_fields` text NOT NULL,
	`changed_by` text NOT NULL,
	`changed_by_organization_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_versions_placement_version_uq` ON `agreement_versions` (`placement_id`,`version`);--> statement-breakpoint
CREATE TABLE `participant_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`kind` text NOT NULL,
	`placement_id` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` text NOT NULL,
	`seen_at` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participant_notices_uq` ON `participant_notices` (`participant_id`,`kind`,`placement_id`,`version`);--> statement-breakpoint
CREATE INDEX `participant_notices_participant_idx` ON `participant_notices` (`participant_id`,`id`) WHERE seen_at IS NULL;