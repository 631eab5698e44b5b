CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text NOT NULL,
	`outbox_key` text NOT NULL,
	`template` text NOT NULL,
	`organization_id` text NOT NULL,
	`recipient_kind` text NOT NULL,
	`recipient_id` text NOT NULL,
	`recipient_email` text NOT NULL,
	`data` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`subject` text,
	`text_body` text,
	`html_body` text,
	`frozen_at` text,
	`send_at` text NOT NULL,
	`sent_at` text,
	`provider_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_uq` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_outbox_uq` ON `notifications` (`outbox_key`);--> statement-breakpoint
CREATE INDEX `notifications_org_idx` ON `notifications` (`organization_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_recipient_idx` ON `notifications` (`recipient_kind`,`recipient_id`,`template`);