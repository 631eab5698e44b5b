-- The score bound's supervisor term follows the slot's supervisors (src/matching/bound.ts): full when
-- one of them has had the training, 0 otherwise (the engine gives it only then). Their tuples
-- (supervisor_rooms, kept by the triggers of 0006) join the covering index, so the narrow
-- statements still read no table row: with the term exact, allocation of 50 at 100,000 slots must
-- read about a fifth fewer slots whole (13,900 -> 11,000 for one set).
DROP INDEX `slots_bound_idx`;--> statement-breakpoint
CREATE INDEX `slots_bound_idx` ON `slots` (`status`,CAST(("lat" + 90) * 20 AS INTEGER),`lon`,`lat`,`kind`,`adaptation_mask`,`days_mask`,`hours_min`,`taken`,`capacity`,`supervisors_with_room`,`id`,`open_ended`,`start_date`,`end_date`,`leads_to_hire`,`social_intensity`,`physical_demand`,`hours_max`,`match_terms`,`supervisor_rooms`);