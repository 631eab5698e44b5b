-- The one row of auth_revision, and triggers that move it on whenever a key's access may end
-- (db/schema/auth-revision.ts): processes that cache authenticated keys forget them when it moved.
INSERT INTO `auth_revision` (`id`, `revision`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `api_keys_auth_revision_au` AFTER UPDATE OF `revoked_at`, `hash`, `user_id`, `organization_id` ON `api_keys` BEGIN
	UPDATE `auth_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `api_keys_auth_revision_ad` AFTER DELETE ON `api_keys` BEGIN
	UPDATE `auth_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_auth_revision_au` AFTER UPDATE OF `role`, `organization_id` ON `users` BEGIN
	UPDATE `auth_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_auth_revision_ad` AFTER DELETE ON `users` BEGIN
	UPDATE `auth_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_auth_revision_au` AFTER UPDATE OF `deactivated_at`, `kind` ON `organizations` BEGIN
	UPDATE `auth_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_auth_revision_ad` AFTER DELETE ON `organizations` BEGIN
	UPDATE `auth_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
