-- Issue #17: every proposal wrote an entry in placements_supervisor_idx, one more b-tree page in the
-- WAL per proposal, though most proposals name no supervisor (one is chosen at acceptance) and no
-- query looks placements up by supervisor. The index only serves the foreign key's ON DELETE SET NULL
-- when a supervisor is removed (`supervisor_id = ?`), which a partial index on the rows that have a
-- supervisor serves as well (SQLite's planner uses it: `= ?` implies NOT NULL). Same name, fewer rows.
DROP INDEX IF EXISTS `placements_supervisor_idx`;
--> statement-breakpoint
CREATE INDEX `placements_supervisor_idx` ON `placements` (`supervisor_id`) WHERE "placements"."supervisor_id" IS NOT NULL;
