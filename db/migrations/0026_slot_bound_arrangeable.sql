-- The score bound's adaptations term follows the engine (src/matching/score.ts): an adaptation the
-- participant would like counts fully when in place and CAN_ARRANGE_CREDIT (0.6) when only
-- arrangeable; the bound counted every offered one as in place. The slot's arrangeable-only bits
-- (canArrangeMask, src/domain/vocabulary.ts; written with every slot write from now on) join the
-- covering index, so the narrow statements still read no table row. 0 reads as all in place (the
-- old, looser bound), so a row not yet filled in is never bounded below its score.
-- Existing rows are filled in here from their adaptations JSON: the bits are the vocabulary's order
-- as of this migration (bit i = the i-th code), as adaptation_mask has them. The UPDATE runs
-- without the index, which is rebuilt once after it.
DROP INDEX `slots_bound_idx`;--> statement-breakpoint
ALTER TABLE `slots` ADD `adaptation_arrange_mask` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `slots` SET `adaptation_arrange_mask` = `adaptation_mask` & ~coalesce((
  SELECT sum(DISTINCT CASE json_extract(`value`, '$.code') WHEN 'quiet_workspace' THEN 1 WHEN 'written_instructions' THEN 2 WHEN 'flexible_start' THEN 4 WHEN 'extended_supervision' THEN 8 WHEN 'slower_pace' THEN 16 WHEN 'breaks_when_needed' THEN 32 WHEN 'fixed_routines' THEN 64 WHEN 'limited_social_contact' THEN 128 WHEN 'step_free_access' THEN 256 WHEN 'assistive_aids' THEN 512 WHEN 'companion_at_start' THEN 1024 WHEN 'reduced_stress' THEN 2048 WHEN 'one_task_at_a_time' THEN 4096 WHEN 'visual_schedule' THEN 8192 WHEN 'noise_protection' THEN 16384 WHEN 'own_workspace' THEN 32768 WHEN 'short_shifts' THEN 65536 WHEN 'gradual_introduction' THEN 131072 WHEN 'regular_check_ins' THEN 262144 WHEN 'advance_notice_of_changes' THEN 524288 WHEN 'accessible_toilet' THEN 1048576 WHEN 'language_support' THEN 2097152 END)
  FROM json_each(`slots`.`adaptations`) WHERE json_extract(`value`, '$.status') = 'in_place'
), 0) WHERE `adaptation_mask` <> 0;--> statement-breakpoint
CREATE INDEX `slots_bound_idx` ON `slots` (`status`,CAST(("lat" + 90) * 20 AS INTEGER),`lon`,`lat`,`kind`,`adaptation_mask`,`days_mask`,`hours_min`,`taken`,`capacity`,`supervisors_with_room`,`id`,`open_ended`,`start_date`,`end_date`,`leads_to_hire`,`social_intensity`,`physical_demand`,`hours_max`,`match_terms`,`supervisor_rooms`,`adaptation_arrange_mask`);
