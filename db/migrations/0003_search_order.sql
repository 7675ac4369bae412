-- Search index rows move to rowid = -story id: FTS5 walks a
-- doclist forwards about twice as fast as backwards (it decodes each page
-- forwards first), and search reads the newest stories first, so newest
-- must be the lowest rowid. At 1M stories in cmd/searchbench a two-word
-- query with few common matches took 20.5 ms backwards, 11.5 ms forwards.
--
-- The tables are contentless, so their rows cannot be copied: they are
-- recreated empty and every briefed story is queued in search_reindex, which
-- the daemon drains in batches (db.RebuildSearch) while it runs.
DROP TABLE story_fts;
DROP TABLE story_chars;

CREATE VIRTUAL TABLE story_fts USING fts5 (
	headline, body, outlets,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0'
);

CREATE VIRTUAL TABLE story_chars USING fts5 (
	chars,
	content = '',
	contentless_delete = 1,
	detail = none,
	tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TABLE search_reindex (story_id INTEGER PRIMARY KEY);
INSERT INTO search_reindex (story_id) SELECT story_id FROM briefs WHERE story_id IS NOT NULL;

-- CompactSearch's 'merge' steps may merge as few as two segments of one
-- level (the default needs four), leaving about one segment per level.
INSERT INTO story_fts (story_fts, rank) VALUES ('usermerge', 2);
INSERT INTO story_chars (story_chars, rank) VALUES ('usermerge', 2);
