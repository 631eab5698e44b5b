-- Embedded search, bounded (src/search/embedded/statement.ts): a search examines a window of
-- candidates from its most selective access path instead of counting every match.
-- 1. Documents are numbered by place: docid = grid cell × 2^26 + a sequence in the cell
--    (src/search/embedded/geo.ts), so a radius reads one docid range per grid row, in the documents
--    table and in the full-text index alike. Existing documents are renumbered here and the
--    full-text index rebuilt from its content table.
-- 2. The 20-column cell index is no longer read: a radius reads the documents table by docid range.
-- 3. Browsing, and one organization's or municipality's slots, come newest first from an index.
DROP INDEX IF EXISTS `search_docs_cell_idx`;
--> statement-breakpoint
DROP INDEX IF EXISTS `search_docs_org_idx`;
--> statement-breakpoint
CREATE INDEX `search_docs_org_idx` ON `search_docs` (`organization_id`, `created_at`);
--> statement-breakpoint
DROP INDEX IF EXISTS `search_docs_municipality_idx`;
--> statement-breakpoint
CREATE INDEX `search_docs_municipality_idx` ON `search_docs` (`municipality_code`, `created_at`);
--> statement-breakpoint
DROP INDEX IF EXISTS `search_docs_created_idx`;
--> statement-breakpoint
CREATE INDEX `search_docs_newest_idx` ON `search_docs` (`created_at`);
--> statement-breakpoint
CREATE TABLE `search_docid_moves` (`old` integer PRIMARY KEY, `new` integer NOT NULL, `cell` integer NOT NULL);
--> statement-breakpoint
INSERT INTO `search_docid_moves` (`old`, `new`, `cell`)
SELECT `docid`, `cell` * 67108864 + row_number() OVER (PARTITION BY `cell` ORDER BY `docid`) - 1, `cell`
FROM (SELECT `docid`, CAST((min(90, max(-90, `lat`)) + 90) * 10 AS INTEGER) * 1800
  + min(1799, CAST((min(180, max(-180, `lon`)) + 180) * 5 AS INTEGER)) AS `cell` FROM `search_docs`);
--> statement-breakpoint
UPDATE `search_text` SET `docid` = (SELECT `new` FROM `search_docid_moves` WHERE `old` = `search_text`.`docid`)
WHERE `docid` IN (SELECT `old` FROM `search_docid_moves`);
--> statement-breakpoint
UPDATE `search_docs` SET `docid` = (SELECT `new` FROM `search_docid_moves` WHERE `old` = `search_docs`.`docid`),
  `cell` = (SELECT `cell` FROM `search_docid_moves` WHERE `old` = `search_docs`.`docid`);
--> statement-breakpoint
DROP TABLE `search_docid_moves`;
--> statement-breakpoint
INSERT INTO `search_words` (`search_words`) VALUES ('rebuild');
