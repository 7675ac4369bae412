-- Posts are saved in one transaction and clustered into stories in later
-- ones; a crash or an error in between used to lose the posts' items, since
-- the next fetch sees their keys as old. A new post is now stored
-- unclustered (0) and marked once its items are in stories; the pipeline
-- clusters whatever is left unclustered on the feed's next run. Posts stored
-- before this migration were clustered when they were saved.
ALTER TABLE posts ADD COLUMN clustered INTEGER NOT NULL DEFAULT 1;
CREATE INDEX posts_unclustered ON posts (feed, id) WHERE clustered = 0;

-- The Telegram updates the bot took in, by update_id, so that an update
-- delivered again (a webhook call Telegram retried, a getUpdates batch
-- fetched again after a crash) is handled once. Telegram keeps an update
-- 24 hours at most, so rows older than that are pruned; the newest row is
-- kept, and the poll loop resumes after it.
CREATE TABLE bot_updates (
	update_id   INTEGER PRIMARY KEY,
	received_at INTEGER NOT NULL
);
