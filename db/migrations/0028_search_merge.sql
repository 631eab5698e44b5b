-- Issue #17: every slot update deletes and re-inserts its full-text rows, and every new word adds to
-- the trigram table, so each index task leaves a new small FTS5 segment. FTS5's own automerge only
-- works once every 64 leaf pages written, so up to 15 small segments (crisismerge 16) pile up on a
-- level, and every query reads them all. Index writes therefore end with a bounded
-- `('merge', 16)` (src/search/embedded/index.ts), which merges the segments of any level holding at
-- least `usermerge` of them: 2 here (FTS5's least) instead of 4, so a level never holds more than
-- one finished segment for long. Kept in each table's config: `delete-all` and `rebuild` keep it.
INSERT INTO `search_words` (`search_words`, `rank`) VALUES ('usermerge', 2);
--> statement-breakpoint
INSERT INTO `search_terms_trigram` (`search_terms_trigram`, `rank`) VALUES ('usermerge', 2);
