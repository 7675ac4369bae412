-- What names an entry's outlet, kept so that a post split again from the
-- database (the unclustered-post recovery) names it as the first split
-- did: the entry's <source> (RSS <source>, Atom <source><title>) and the
-- feed's own <title> when the entry is on the feed's own site. Posts stored
-- before this migration have neither; they were split when they were saved.
ALTER TABLE posts ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN feed_title TEXT NOT NULL DEFAULT '';

-- The aggregator's caption pointing at a quoted block ("…の発表👇"): the
-- blogger's words, kept apart from the block's title and text.
ALTER TABLE items ADD COLUMN caption TEXT NOT NULL DEFAULT '';
