-- Times are INTEGER Unix microseconds, 0 for "never".

CREATE TABLE feeds (
	name            TEXT PRIMARY KEY,
	url             TEXT NOT NULL DEFAULT '',
	etag            TEXT NOT NULL DEFAULT '',
	last_modified   TEXT NOT NULL DEFAULT '',
	last_fetch_at   INTEGER NOT NULL DEFAULT 0,
	last_success_at INTEGER NOT NULL DEFAULT 0,
	next_fetch_at   INTEGER NOT NULL DEFAULT 0,
	failures        INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT NOT NULL DEFAULT '',
	paused          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE posts (
	id           INTEGER PRIMARY KEY,
	feed         TEXT NOT NULL,
	key          TEXT NOT NULL,
	guid         TEXT NOT NULL DEFAULT '',
	url          TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	html         TEXT NOT NULL DEFAULT '',
	text         TEXT NOT NULL DEFAULT '',
	author       TEXT NOT NULL DEFAULT '',
	language     TEXT NOT NULL DEFAULT '',
	published    INTEGER NOT NULL DEFAULT 0,
	updated      INTEGER NOT NULL DEFAULT 0,
	fetched_at   INTEGER NOT NULL DEFAULT 0,
	content_hash TEXT NOT NULL DEFAULT '',
	UNIQUE (feed, key)
);
CREATE INDEX posts_fetched_at ON posts (fetched_at);

-- Keys outlive pruned posts: a feed that still lists an old entry never makes
-- it new again.
CREATE TABLE seen_keys (
	feed TEXT NOT NULL,
	key  TEXT NOT NULL,
	PRIMARY KEY (feed, key)
) WITHOUT ROWID;

CREATE TABLE stories (
	id              INTEGER PRIMARY KEY,
	language        TEXT NOT NULL DEFAULT '',
	first_published INTEGER NOT NULL DEFAULT 0,
	first_seen      INTEGER NOT NULL DEFAULT 0,
	last_seen       INTEGER NOT NULL DEFAULT 0,
	enqueued        INTEGER NOT NULL DEFAULT 0,
	brief_id        INTEGER,
	-- items_version counts item additions; briefed_version is its value when
	-- the brief was last saved. They differ when the brief is stale.
	items_version   INTEGER NOT NULL DEFAULT 0,
	briefed_version INTEGER NOT NULL DEFAULT -1
);
CREATE INDEX stories_last_seen ON stories (last_seen);
CREATE INDEX stories_unbriefed ON stories (id)
	WHERE brief_id IS NULL OR items_version <> briefed_version;

-- A join table rather than JSON so that the fan-out is one indexed join.
CREATE TABLE story_topics (
	story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	topic    TEXT NOT NULL,
	pos      INTEGER NOT NULL,
	PRIMARY KEY (story_id, topic)
) WITHOUT ROWID;

CREATE TABLE items (
	id         INTEGER PRIMARY KEY,
	post_id    INTEGER REFERENCES posts (id) ON DELETE CASCADE,
	story_id   INTEGER REFERENCES stories (id) ON DELETE CASCADE,
	feed       TEXT NOT NULL DEFAULT '',
	idx        INTEGER NOT NULL DEFAULT 0,
	outlet     TEXT NOT NULL DEFAULT '',
	url        TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL DEFAULT '',
	language   TEXT NOT NULL DEFAULT '',
	topics     TEXT NOT NULL DEFAULT '[]',
	urgent     INTEGER NOT NULL DEFAULT 0,
	published  INTEGER NOT NULL DEFAULT 0,
	fetched_at INTEGER NOT NULL DEFAULT 0,
	deliver    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX items_story ON items (story_id, id);
CREATE INDEX items_post ON items (post_id);

CREATE TABLE briefs (
	id         INTEGER PRIMARY KEY,
	story_id   INTEGER NOT NULL UNIQUE REFERENCES stories (id) ON DELETE CASCADE,
	headline   TEXT NOT NULL DEFAULT '',
	html       TEXT NOT NULL DEFAULT '',
	sources    TEXT NOT NULL DEFAULT '[]',
	language   TEXT NOT NULL DEFAULT '',
	published  INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL DEFAULT 0,
	updated_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX briefs_published ON briefs (published, id);

CREATE TABLE brief_topics (
	brief_id  INTEGER NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
	topic     TEXT NOT NULL,
	pos       INTEGER NOT NULL,
	published INTEGER NOT NULL DEFAULT 0, -- copy of briefs.published for the index
	PRIMARY KEY (brief_id, topic)
) WITHOUT ROWID;
CREATE INDEX brief_topics_topic ON brief_topics (topic, published, brief_id);

CREATE TABLE chats (
	id           INTEGER PRIMARY KEY, -- Telegram chat id (negative for groups)
	type         TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	active       INTEGER NOT NULL DEFAULT 1,
	timezone     TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL DEFAULT 0,
	inactive_err TEXT NOT NULL DEFAULT ''
);

CREATE TABLE subscriptions (
	chat_id    INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
	topic      TEXT NOT NULL,
	thread_id  INTEGER NOT NULL DEFAULT 0,
	mode       TEXT NOT NULL DEFAULT 'instant',
	created_at INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (chat_id, topic, thread_id)
) WITHOUT ROWID;
CREATE INDEX subscriptions_topic ON subscriptions (topic, mode, chat_id, thread_id);

CREATE TABLE deliveries (
	id              INTEGER PRIMARY KEY,
	chat_id         INTEGER NOT NULL,
	brief_id        INTEGER NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
	thread_id       INTEGER NOT NULL DEFAULT 0,
	state           TEXT NOT NULL DEFAULT 'pending'
		CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dead')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT NOT NULL DEFAULT '',
	message_id      INTEGER NOT NULL DEFAULT 0,
	sent_at         INTEGER NOT NULL DEFAULT 0,
	created_at      INTEGER NOT NULL DEFAULT 0,
	updated_at      INTEGER NOT NULL DEFAULT 0,
	UNIQUE (chat_id, brief_id)
);
-- Only due rows are indexed, so finding the next one never scans sent rows.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id)
	WHERE state IN ('pending', 'failed');
CREATE INDEX deliveries_sending ON deliveries (id) WHERE state = 'sending';
CREATE INDEX deliveries_brief ON deliveries (brief_id);

-- Full-text index of briefed stories, rowid = story id. Contentless: the
-- columns hold pre-tokenised text (see search.go) that nobody reads back, and
-- contentless_delete lets pruning remove rows.
CREATE VIRTUAL TABLE story_fts USING fts5 (
	headline, body, outlets,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0'
);

-- Every distinct CJK character of a story, for one-character queries (露,
-- 米): a prefix query on story_fts would merge the doclists of every bigram
-- starting with the character. detail=none keeps only rowids, so this costs
-- a small fraction of story_fts.
CREATE VIRTUAL TABLE story_chars USING fts5 (
	chars,
	content = '',
	contentless_delete = 1,
	detail = none,
	tokenize = 'unicode61 remove_diacritics 0'
);
