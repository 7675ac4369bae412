-- Delivery modes (instant or editions), editions and quiet hours.

-- One row per chat that changed a setting; a chat without one takes the
-- defaults (timezone stays on chats.timezone). last_edition_at is the due
-- time of the chat's latest edition, or when it switched to editions: the
-- next edition lists the stories enqueued after it.
CREATE TABLE chat_settings (
	chat_id         INTEGER PRIMARY KEY REFERENCES chats (id) ON DELETE CASCADE,
	mode            TEXT NOT NULL DEFAULT 'instant' CHECK (mode IN ('instant', 'edition')),
	quiet_start     TEXT NOT NULL DEFAULT '',
	quiet_end       TEXT NOT NULL DEFAULT '',
	last_edition_at INTEGER NOT NULL DEFAULT 0
);

-- When a story was fanned out (settled and deliverable): editions take the
-- stories enqueued since the last edition, so they follow the same settle
-- and backlog rules as instant briefs.
ALTER TABLE stories ADD COLUMN enqueued_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX stories_enqueued_at ON stories (enqueued_at) WHERE enqueued_at > 0;

-- One edition per (chat, due time): the unique key is what makes an edition
-- exactly-once. Its messages are ledger rows created in the same
-- transaction, so a second run of the edition job, or one after a restart,
-- finds the key taken and adds nothing.
CREATE TABLE editions (
	id         INTEGER PRIMARY KEY,
	chat_id    INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
	due_at     INTEGER NOT NULL,
	thread_id  INTEGER NOT NULL DEFAULT 0,
	stories    INTEGER NOT NULL DEFAULT 0,
	pages      INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL DEFAULT 0,
	UNIQUE (chat_id, due_at)
);

-- The ledger now holds edition pages too: a row references either a brief
-- (its HTML is the brief's current one) or an edition page (its HTML is
-- frozen in the row). SQLite cannot drop NOT NULL in place: rebuild.
CREATE TABLE deliveries_new (
	id              INTEGER PRIMARY KEY,
	chat_id         INTEGER NOT NULL,
	brief_id        INTEGER REFERENCES briefs (id) ON DELETE CASCADE,
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
	CHECK ((brief_id IS NULL) <> (edition_id IS NULL)),
	UNIQUE (chat_id, brief_id),
	UNIQUE (edition_id, page)
);
INSERT INTO deliveries_new (id, chat_id, brief_id, thread_id, state, attempts, next_attempt_at,
	last_error, message_id, sent_at, created_at, updated_at)
	SELECT id, chat_id, brief_id, thread_id, state, attempts, next_attempt_at,
		last_error, message_id, sent_at, created_at, updated_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id)
	WHERE state IN ('pending', 'failed');
CREATE INDEX deliveries_sending ON deliveries (id) WHERE state = 'sending';
CREATE INDEX deliveries_brief ON deliveries (brief_id);
CREATE INDEX deliveries_chat ON deliveries (chat_id);
