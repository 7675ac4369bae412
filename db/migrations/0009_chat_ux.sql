-- Chat settings that make /settings, /pause and /stop do what they say.
--
-- quiet_silent: during the chat's quiet hours its messages go out without a
-- notification sound (disable_notification) instead of waiting for their
-- end. paused: the chat gets nothing until it resumes, and then nothing it
-- missed. link_previews: 0 follows telegram.link_previews, 1 shows previews,
-- 2 hides them. Every chat before this migration keeps what it had: quiet
-- hours hold, not paused, previews as configured.
ALTER TABLE chat_settings ADD COLUMN quiet_silent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chat_settings ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chat_settings ADD COLUMN link_previews INTEGER NOT NULL DEFAULT 0
	CHECK (link_previews IN (0, 1, 2));

-- What the chat's last /stop removed, for its Undo: a JSON snapshot of the
-- subscriptions and settings, kept until the chat stops again or is
-- forgotten; Undo honours it for 24 hours.
CREATE TABLE chat_stops (
	chat_id    INTEGER PRIMARY KEY REFERENCES chats (id) ON DELETE CASCADE,
	stopped_at INTEGER NOT NULL,
	snapshot   TEXT NOT NULL
);
