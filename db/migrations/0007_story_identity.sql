-- One story per event, told in each chat's language.
--
-- A story may now hold reports in several languages and may absorb another
-- story (a report that bridges two). So briefs are keyed (story, language),
-- and the ledger holds one row per (chat, story) whatever the language or
-- the merges: no chat ever gets one story twice. The brief a row sends is
-- chosen when it is claimed (the story's brief in the chat's language, else
-- its main one), so a re-render or a change of language before the send is
-- honoured. stories.brief_id stays the brief in the story's main language.

-- The language a chat reads: ja, en or ru; '' (every chat before this
-- migration) gives each story in its main language, as before.
ALTER TABLE chats ADD COLUMN language TEXT NOT NULL DEFAULT '';
-- A copy on each of the chat's subscriptions: the languages a story's
-- briefs are wanted in are then a few index seeks by its topics, not a
-- join over every chat (150 ms at 100k chats).
ALTER TABLE subscriptions ADD COLUMN language TEXT NOT NULL DEFAULT '';
CREATE INDEX subscriptions_language ON subscriptions (topic, language) WHERE language <> '';

-- SQLite cannot drop the UNIQUE (story_id) of briefs in place, and dropping
-- a parent table with foreign keys on deletes its children's rows: so the
-- new briefs, brief_topics and deliveries are built beside the old ones,
-- referencing the new briefs, the old children are dropped before their
-- parent, and the renames carry the references along.
CREATE TABLE briefs_new (
	id         INTEGER PRIMARY KEY,
	story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	language   TEXT NOT NULL DEFAULT '',
	headline   TEXT NOT NULL DEFAULT '',
	html       TEXT NOT NULL DEFAULT '',
	sources    TEXT NOT NULL DEFAULT '[]',
	published  INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL DEFAULT 0,
	updated_at INTEGER NOT NULL DEFAULT 0,
	UNIQUE (story_id, language)
);
INSERT INTO briefs_new (id, story_id, language, headline, html, sources, published, created_at, updated_at)
	SELECT id, story_id, language, headline, html, sources, published, created_at, updated_at FROM briefs;

-- Topics are listed for the main brief only: /today counts stories.
CREATE TABLE brief_topics_new (
	brief_id  INTEGER NOT NULL REFERENCES briefs_new (id) ON DELETE CASCADE,
	topic     TEXT NOT NULL,
	pos       INTEGER NOT NULL,
	published INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (brief_id, topic)
) WITHOUT ROWID;
INSERT INTO brief_topics_new (brief_id, topic, pos, published)
	SELECT brief_id, topic, pos, published FROM brief_topics;

-- story_id is backfilled from the brief; brief_id now records the brief
-- last chosen for the row (what a sent row sent) and may go with a merged
-- story's briefs.
CREATE TABLE deliveries_new (
	id              INTEGER PRIMARY KEY,
	chat_id         INTEGER NOT NULL,
	story_id        INTEGER REFERENCES stories (id) ON DELETE CASCADE,
	brief_id        INTEGER REFERENCES briefs_new (id) ON DELETE SET NULL,
	edition_id      INTEGER REFERENCES editions (id) ON DELETE CASCADE,
	page            INTEGER NOT NULL DEFAULT 0,
	html            TEXT NOT NULL DEFAULT '',
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
	CHECK ((story_id IS NULL) <> (edition_id IS NULL)),
	UNIQUE (chat_id, story_id),
	UNIQUE (edition_id, page)
);
INSERT INTO deliveries_new (id, chat_id, story_id, brief_id, edition_id, page, html, thread_id, state,
	attempts, next_attempt_at, last_error, message_id, sent_at, created_at, updated_at)
	SELECT d.id, d.chat_id, b.story_id, d.brief_id, d.edition_id, d.page, d.html, d.thread_id, d.state,
		d.attempts, d.next_attempt_at, d.last_error, d.message_id, d.sent_at, d.created_at, d.updated_at
	FROM deliveries d LEFT JOIN briefs b ON b.id = d.brief_id;

DROP TABLE deliveries;
DROP TABLE brief_topics;
DROP TABLE briefs;
ALTER TABLE briefs_new RENAME TO briefs;
ALTER TABLE brief_topics_new RENAME TO brief_topics;
ALTER TABLE deliveries_new RENAME TO deliveries;

CREATE INDEX briefs_published ON briefs (published, id);
CREATE INDEX brief_topics_topic ON brief_topics (topic, published, brief_id);
-- Only due rows are indexed, so finding the next one never scans sent rows.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id)
	WHERE state IN ('pending', 'failed');
CREATE INDEX deliveries_sending ON deliveries (id) WHERE state = 'sending';
CREATE INDEX deliveries_story ON deliveries (story_id);
CREATE INDEX deliveries_brief ON deliveries (brief_id);

-- The stories an edition showed a chat: with the ledger, what a chat
-- already has, so that a merge never makes an edition list a story again.
-- Editions made before this migration did not record their stories; they
-- are taken to be those EditionBriefs listed then: the chat's edition
-- topics' stories fanned out since its previous edition (a day for the
-- first).
CREATE TABLE edition_stories (
	chat_id    INTEGER NOT NULL,
	story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
	edition_id INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
	PRIMARY KEY (chat_id, story_id)
) WITHOUT ROWID;
CREATE INDEX edition_stories_story ON edition_stories (story_id);
CREATE INDEX edition_stories_edition ON edition_stories (edition_id);
INSERT OR IGNORE INTO edition_stories (chat_id, story_id, edition_id)
	SELECT e.chat_id, s.id, e.id
	FROM (SELECT id, chat_id, due_at, stories,
			lag(due_at, 1, due_at - 86400000000) OVER (PARTITION BY chat_id ORDER BY due_at) AS since
		FROM editions) e
	JOIN stories s ON s.enqueued_at > e.since AND s.enqueued_at <= e.due_at
	WHERE e.stories > 0 AND EXISTS (SELECT 1 FROM story_topics t JOIN subscriptions sub
		ON sub.topic = t.topic AND sub.chat_id = e.chat_id AND sub.mode = 'edition'
		WHERE t.story_id = s.id);

-- Values the daemon keeps between runs: render_version is the renderer's
-- version the stored briefs were made by (absent: an older one).
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;
