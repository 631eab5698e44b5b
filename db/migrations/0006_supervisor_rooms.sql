-- Matching's candidate query reads each slot's supervisors from the slot row itself
-- (src/services/matching/candidates.ts): `supervisor_rooms` lists them as matching reads them and
-- `supervisors_with_room` counts those with room, so "a supervisor with room" is tested on the index
-- and a candidate costs one row, not its links and supervisors. The database keeps both: a link added
-- or removed, or a supervisor whose places or training change, recomputes the slots concerned, in
-- the same statement (and so the same batch) as the change. The services never write them.
UPDATE `slots` SET
	`supervisor_rooms` = (SELECT json_group_array(json_array(`id`, `max_participants`, `active_placements`, `trained`)) FROM (
		SELECT v.`id`, v.`max_participants`, v.`active_placements`, v.`trained`
		FROM `slot_supervisors` l JOIN `supervisors` v ON v.`id` = l.`supervisor_id`
		WHERE l.`slot_id` = `slots`.`id` ORDER BY v.`id`)),
	`supervisors_with_room` = (SELECT count(*)
		FROM `slot_supervisors` l JOIN `supervisors` v ON v.`id` = l.`supervisor_id`
		WHERE l.`slot_id` = `slots`.`id` AND v.`active_placements` < v.`max_participants`)
	WHERE `id` IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `slot_supervisors_rooms_ai` AFTER INSERT ON `slot_supervisors` BEGIN
	UPDATE `slots` SET
	`supervisor_rooms` = (SELECT json_group_array(json_array(`id`, `max_participants`, `active_placements`, `trained`)) FROM (
		SELECT v.`id`, v.`max_participants`, v.`active_placements`, v.`trained`
		FROM `slot_supervisors` l JOIN `supervisors` v ON v.`id` = l.`supervisor_id`
		WHERE l.`slot_id` = `slots`.`id` ORDER BY v.`id`)),
	`supervisors_with_room` = (SELECT count(*)
		FROM `slot_supervisors` l JOIN `supervisors` v ON v.`id` = l.`supervisor_id`
		WHERE l.`slot_id` = `slots`.`id` AND v.`active_placements` < v.`max_participants`)
	WHERE `id` = new.`slot_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `slot_supervisors_rooms_ad` AFTER DELETE ON `slot_supervisors` BEGIN
	UPDATE `slots` SET
	`supervisor_rooms` = (SELECT json_group_array(json_array(`id`, `max_participants`, `active_placements`, `trained`)) FROM (
		SELECT v.`id`, v.`max_participants`, v.`active_placements`, v.`trained`
		FROM `slot_supervisors` l JOIN `supervisors` v ON v.`id` = l.`supervisor_id`
		WHERE l.`slot_id` = `slots`.`id` ORDER BY v.`id`)),
	`supervisors_with_room` = (SELECT count(*)
		FROM `slot_supervisors` l JOIN `supervisors` v ON v.`id` = l.`supervisor_id`
		WHERE l.`slot_id` = `slots`.`id` AND v.`active_placements` < v.`max_participants`)
	WHERE `id` = old.`slot_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `supervisors_rooms_au` AFTER UPDATE OF `max_participants`, `active_placements`, `trained` ON `supervisors` BEGIN
	UPDATE `slots` SET
	`supervisor_rooms` = (SELECT json_group_array(json_array(`id`, `max_participants`, `active_placements`, `trained`)) FROM (
		SELECT v.`id`, v.`max_participants`, v.`active_placements`, v.`trained`
		FROM `slot_supervisors` l JOIN `supervisors` v ON v.`id` = l.`supervisor_id`
		WHERE l.`slot_id` = `slots`.`id` ORDER BY v.`id`)),
	`supervisors_with_room` = (SELECT count(*)
		FROM `slot_supervisors` l JOIN `supervisors` v ON v.`id` = l.`supervisor_id`
		WHERE l.`slot_id` = `slots`.`id` AND v.`active_placements` < v.`max_participants`)
	WHERE `id` IN (SELECT `slot_id` FROM `slot_supervisors` WHERE `supervisor_id` = new.`id`);
END;
