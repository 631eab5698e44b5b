ALTER TABLE `outbox` ADD `due_at` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `outbox` SET `due_at` = `next_attempt_at` WHERE `status` <> 'done';
--> statement-breakpoint
CREATE INDEX `outbox_waiting_topic_idx` ON `outbox` (`topic`,`status`,`due_at`) WHERE "outbox"."status" IN ('pending', 'failed');