package db

import (
	"fmt"
	"time"
)

// Fair service across feeds (migration 0010): a chat's new row is due no
// earlier than one pacing interval after that chat's latest pending row
// from the same feed, so a feed that pushes fifty stories at once spreads
// them over the chat's own pace and another feed's brief, due when it is
// enqueued, is claimed between them. The intervals are Options.FairPrivate
// and FairGroup; zero turns the spacing off.

// storyFeed is the feed of a story's first deliverable item (” when none).
const storyFeed = `SELECT coalesce((SELECT feed FROM items WHERE story_id = ? AND deliver = 1
	ORDER BY id LIMIT 1), '')`

// fairDue is a new row's earliest due time by that rule, 0 when the chat
// has no pending row of the feed. It reads subscriptions as s and chats as
// c, and takes the feed as its one parameter.
func fairDue(private, group time.Duration) string {
	if private <= 0 && group <= 0 {
		return `(0 * length(?))` // the feed parameter, unused
	}
	return fmt.Sprintf(`coalesce((SELECT max(x.next_attempt_at) FROM deliveries x INDEXED BY deliveries_chat_feed
		WHERE x.chat_id = s.chat_id AND x.feed = ? AND x.state = 'pending' AND x.feed <> '')
		+ CASE c.type WHEN 'private' THEN %d WHEN 'console' THEN 0 ELSE %d END, 0)`,
		max(private, 0).Microseconds(), max(group, 0).Microseconds())
}
