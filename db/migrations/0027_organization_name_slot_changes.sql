-- A renamed organization logs each of its slots in the slot change log, so a process's in-memory
-- matching catalog (src/services/matching/catalog.ts) reloads those slots and their employer's name:
-- the name shown with every match is then kept per process instead of read on every request.
-- The organization service writes every column on an update, so only a real change of the name
-- logs anything.
CREATE TRIGGER `organizations_name_slot_changes` AFTER UPDATE OF `name` ON `organizations`
WHEN NEW.`name` IS NOT OLD.`name` BEGIN
	INSERT INTO `slot_changes` (`slot_id`, `changed_at`)
	SELECT `id`, NEW.`updated_at` FROM `slots` WHERE `organization_id` = NEW.`id`;
END;
