-- Opinion: an item that gives its writer's own view rather than a report
-- (digest.Opinion: a column, an editorial, a letter, a pundit's post). It is
-- stored and searchable, never pushed, and a story of opinion alone is marked
-- 💬 in /today and /search and listed in no edition. opinion_reason says which
-- rule held it back. Items stored before this migration stay news here: the
-- older rule could only clear their deliver flag, which they keep.
ALTER TABLE items ADD COLUMN opinion INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN opinion_reason TEXT NOT NULL DEFAULT '';
