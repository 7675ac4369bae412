-- Fair service across feeds. A row remembers the feed that caused it (the
-- story's first deliverable item's), and a chat's rows from one feed are
-- made due one pacing interval apart: a feed that pushes fifty stories at
-- once no longer queues them ahead of every other feed's briefs, which are
-- due when they are enqueued and so are claimed between them. Rows made
-- before this migration have no feed and keep their order.
ALTER TABLE deliveries ADD COLUMN feed TEXT NOT NULL DEFAULT '';
CREATE INDEX deliveries_chat_feed ON deliveries (chat_id, feed, next_attempt_at)
	WHERE state = 'pending' AND feed <> '';
