package briefbot

import (
	"context"
	"strings"
	"time"
)

// QuietHours is a daily span, in the chat's timezone, during which nothing
// is sent to the chat: rows due then wait until End. Start and End are
// "HH:MM"; both empty means no quiet hours. Start after End spans midnight.
type QuietHours struct {
	Start string
	End   string
}

// None reports whether q holds nothing back.
func (q QuietHours) None() bool { return q.Start == "" || q.End == "" || q.Start == q.End }

// String is "23:00–07:00", or "none".
func (q QuietHours) String() string {
	if q.None() {
		return "none"
	}
	return q.Start + "–" + q.End
}

// ParseQuietHours reads "23:00-07:00" (also with – or —); "", "none" and
// "off" mean no quiet hours.
func ParseQuietHours(s string) (QuietHours, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" || s == "none" || s == "off" {
		return QuietHours{}, nil
	}
	s = strings.NewReplacer("–", "-", "—", "-", " ", "").Replace(s)
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return QuietHours{}, errQuietFormat()
	}
	start, err1 := normClock(a)
	end, err2 := normClock(b)
	if err1 != nil || err2 != nil {
		return QuietHours{}, errQuietFormat()
	}
	if start == end {
		return QuietHours{}, Errorf(EINVALID, "Quiet hours must start and end at different times.").With("error.quiet_same")
	}
	return QuietHours{Start: start, End: end}, nil
}

func errQuietFormat() *Error {
	return Errorf(EINVALID, "Quiet hours look like 23:00-07:00.").With("error.quiet_format")
}

// normClock turns "7:00" or "07:00" into "07:00".
func normClock(s string) (string, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return "", err
	}
	return t.Format("15:04"), nil
}

func clockMinutes(s string) int {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return -1
	}
	return t.Hour()*60 + t.Minute()
}

// Span returns the quiet hours that hold t, or else the next ones after it,
// as instants [from, until); zero times when q holds nothing back.
// Wall-clock arithmetic goes through time.Date so that a DST change inside
// the span moves its end with the clock.
func (q QuietHours) Span(t time.Time, loc *time.Location) (from, until time.Time) {
	if q.None() {
		return time.Time{}, time.Time{}
	}
	start, end := clockMinutes(q.Start), clockMinutes(q.End)
	if start < 0 || end < 0 {
		return time.Time{}, time.Time{}
	}
	over := 0 // the span ends the next day
	if start > end {
		over = 1
	}
	lt := t.In(loc)
	for d := -1; d <= 1; d++ {
		f := time.Date(lt.Year(), lt.Month(), lt.Day()+d, start/60, start%60, 0, 0, loc)
		u := time.Date(lt.Year(), lt.Month(), lt.Day()+d+over, end/60, end%60, 0, 0, loc)
		if u.After(t) && u.After(f) {
			return f, u
		}
	}
	return time.Time{}, time.Time{}
}

// Until reports whether t falls in the quiet hours of a chat in loc and, if
// so, when they end.
func (q QuietHours) Until(t time.Time, loc *time.Location) (time.Time, bool) {
	from, until := q.Span(t, loc)
	if until.IsZero() || t.Before(from) {
		return time.Time{}, false
	}
	return until, true
}

// ChatSettings are a chat's delivery preferences, set with /settings.
type ChatSettings struct {
	ChatID int64
	// Mode is the delivery mode of all the chat's subscriptions (ModeInstant
	// or ModeEdition); new subscriptions take it too.
	Mode     string
	Timezone string // IANA name; empty means the configured default
	// Language is the language the chat reads (LangJA, LangEN, LangRU);
	// empty gives each story in its main language.
	Language string
	Quiet    QuietHours
	// QuietSilent sends during the quiet hours without a notification
	// sound (disable_notification) instead of holding messages until they
	// end.
	QuietSilent bool
	// Paused chats get nothing: no brief is enqueued for them and their
	// editions are skipped; resuming sends nothing they missed.
	Paused bool
	// LinkPreviews is the chat's choice about previews under its briefs.
	LinkPreviews LinkPreviews
	// LastEdition is the due time of the chat's latest edition, or when it
	// switched to editions: the next edition lists stories after it.
	LastEdition time.Time
}

// Location loads the chat's timezone, def when unset or unknown.
func (s *ChatSettings) Location(def *time.Location) *time.Location {
	if s == nil || s.Timezone == "" {
		return def
	}
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		return def
	}
	return loc
}

// ValidTimezone checks an IANA name typed by a user. time.LoadLocation also
// accepts "" and "Local", which name no zone a user means.
func ValidTimezone(name string) error {
	if name == "" || name == "Local" || strings.Contains(name, "..") || strings.Contains(name, "//") ||
		strings.HasPrefix(name, "/") || strings.HasSuffix(name, "/") {
		return errTimezone(name)
	}
	if _, err := time.LoadLocation(name); err != nil {
		return errTimezone(name)
	}
	return nil
}

func errTimezone(name string) *Error {
	return Errorf(EINVALID, "Unknown time zone %q: use an IANA name such as Asia/Tokyo.", name).
		With("error.timezone", "Zone", name)
}

// CanonicalTimezone returns the IANA name a user meant, whatever its case:
// "europe/moscow" is Europe/Moscow, "america/port-au-prince"
// America/Port-au-Prince, "utc" UTC, "etc/gmt+3" Etc/GMT+3. Zone files are
// looked up by their exact name and the standard library lists none, so
// the spellings IANA uses are tried in turn: as typed, each word
// capitalised (the particles of Dar_es_Salaam or Isle_of_Man in lower
// case), all in capitals, the area in capitals (US/Eastern), and the rest
// in capitals (Etc/GMT+3). An unknown zone is an EINVALID error.
func CanonicalTimezone(name string) (string, error) {
	name = strings.TrimSpace(name)
	for _, c := range []string{name, zoneCase(name, false, false), strings.ToUpper(name),
		zoneCase(name, true, false), zoneCase(name, false, true)} {
		if ValidTimezone(c) == nil {
			return c, nil
		}
	}
	return "", errTimezone(name)
}

// zoneParticles are the words IANA zone names keep in lower case.
var zoneParticles = map[string]bool{"es": true, "of": true, "au": true, "da": true, "de": true, "la": true}

// zoneCase capitalises each word of a zone name (words are split at "/",
// "_" and "-"); upperArea puts the first segment in capitals, upperRest
// the others.
func zoneCase(name string, upperArea, upperRest bool) string {
	segs := strings.Split(strings.ToLower(name), "/")
	for i, seg := range segs {
		if (i == 0 && upperArea) || (i > 0 && upperRest) {
			segs[i] = strings.ToUpper(seg)
			continue
		}
		b := []byte(seg)
		for j := range b {
			first := j == 0 || b[j-1] == '_' || b[j-1] == '-'
			if !first || b[j] < 'a' || b[j] > 'z' {
				continue
			}
			end := j
			for end < len(b) && b[end] != '_' && b[end] != '-' {
				end++
			}
			if j > 0 && zoneParticles[string(b[j:end])] {
				continue
			}
			b[j] -= 'a' - 'A'
		}
		segs[i] = string(b)
	}
	return strings.Join(segs, "/")
}

// ChatSettingsStore keeps chat settings and forgets chats.
type ChatSettingsStore interface {
	// ChatSettings returns the chat's settings, defaults (instant, default
	// timezone, no quiet hours) when none were stored; ENOTFOUND when the
	// chat is unknown.
	ChatSettings(ctx context.Context, chatID int64) (*ChatSettings, error)
	// SetChatMode sets the mode of every subscription of the chat and of
	// those it makes later. Switching to editions starts the next edition's
	// list at now.
	SetChatMode(ctx context.Context, chatID int64, mode string, now time.Time) error
	SetChatTimezone(ctx context.Context, chatID int64, tz string) error // "" = default
	// SetChatLanguage sets the language of the chat's briefs ("" = each
	// story's main language). Rows not yet sent take it when claimed.
	SetChatLanguage(ctx context.Context, chatID int64, lang string) error
	SetQuietHours(ctx context.Context, chatID int64, q QuietHours) error
	// SetQuietSilent chooses what the quiet hours do: true sends without a
	// notification sound, false holds messages until they end. Messages
	// held now are due at once when silent.
	SetQuietSilent(ctx context.Context, chatID int64, silent bool) error
	// SetLinkPreviews sets the chat's choice about link previews.
	SetLinkPreviews(ctx context.Context, chatID int64, p LinkPreviews) error
	// SetPaused pauses or resumes the chat. Pausing turns its unsent
	// messages dead (reason "paused"); resuming sends nothing it missed:
	// its next edition starts at now.
	SetPaused(ctx context.Context, chatID int64, paused bool, now time.Time) error
	// StopChat unsubscribes the chat from everything and turns its unsent
	// messages dead (reason "stopped") in one transaction, keeping a
	// snapshot of its subscriptions and settings for UndoStop. It returns
	// how many subscriptions there were.
	StopChat(ctx context.Context, chatID int64, now time.Time) (int, error)
	// UndoStop restores what the chat's last StopChat removed, if it was
	// at most StopUndoWindow before now; ENOTFOUND when there is nothing
	// to restore. Messages it killed stay dead.
	UndoStop(ctx context.Context, chatID int64, now time.Time) error
	// ForgetChat deletes everything stored about the chat: the chat, its
	// subscriptions, settings, editions and ledger rows, sent ones included.
	ForgetChat(ctx context.Context, chatID int64) error
}

// StopUndoWindow is how long a /stop can be undone.
const StopUndoWindow = 24 * time.Hour

// EditionChat is a chat that gets editions.
type EditionChat struct {
	ChatID      int64
	Timezone    string // "" = the configured default
	Language    string // the chat's language, "" when it has none
	LastEdition time.Time
}

// EditionStore makes editions: durable, once per (chat, due time).
type EditionStore interface {
	// EditionChats lists the active chats with edition subscriptions.
	EditionChats(ctx context.Context) ([]EditionChat, error)
	// EditionBriefs lists what the chat's edition due at due shows: the
	// briefs, in the chat's language, of the stories of its edition topics
	// fanned out after its last edition (for a first edition, within a day
	// before due) and up to due that the chat does not have yet (from an
	// earlier edition or one by one), newest first.
	EditionBriefs(ctx context.Context, chatID int64, due time.Time) ([]*Brief, error)
	// SaveEdition records the chat's edition due at due, listing stories
	// and rendered as pages, in one transaction: the edition, the stories it
	// shows the chat, one pending ledger row per page, and LastEdition moved
	// to due. An edition already made for (chat, due), one due at or before
	// the chat's last, or a chat no longer active or in edition mode adds
	// nothing: created is false. An edition without pages is recorded and
	// sends nothing.
	SaveEdition(ctx context.Context, chatID int64, due time.Time, stories []int64, pages []string) (created bool, err error)
}
