package config

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"briefbot"
	"briefbot/internal/fold"
)

var topicNameRE = regexp.MustCompile(`^[a-z0-9_-]{1,32}$`)

// applyDefaults fills per-entry defaults the global defaults can't express.
func (c *Config) applyDefaults() {
	for i := range c.Feeds {
		f := &c.Feeds[i]
		if f.Schedule == "" {
			f.Schedule = DefaultSchedule
		}
		if f.Language == "" {
			f.Language = DefaultLanguage
		}
	}
	for i := range c.Topics {
		t := &c.Topics[i]
		if t.Title.Text == "" {
			t.Title.Text = t.Name
		}
		if t.Hashtag == "" {
			t.Hashtag = t.Title.Text
		}
	}
	for i := range c.Channels {
		if c.Channels[i].Mode == "" {
			c.Channels[i].Mode = "instant"
		}
	}
}

// resolvePaths makes relative file paths relative to the config's folder, so
// the daemon behaves the same whatever its working directory.
func (c *Config) resolvePaths(dir string) {
	if p := c.Database.Path; p != "" && !filepath.IsAbs(p) && p != ":memory:" {
		c.Database.Path = filepath.Join(dir, p)
	}
	for i := range c.Feeds {
		u := c.Feeds[i].URL
		if u == "" || isHTTP(u) || strings.HasPrefix(u, "file://") || filepath.IsAbs(u) {
			continue
		}
		c.Feeds[i].URL = filepath.Join(dir, u)
	}
}

func isHTTP(u string) bool {
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")
}

// validate checks every value and locates each mistake by its line.
func (c *Config) validate(file string, lines map[string]int, opts Options) Errors {
	var errs Errors
	bad := func(field, format string, args ...any) {
		errs = append(errs, FieldError{File: file, Line: lineOf(lines, field), Field: field, Msg: fmt.Sprintf(format, args...)})
	}

	if loc, err := time.LoadLocation(c.Timezone); err != nil {
		bad("timezone", "unknown time zone %q (use an IANA name such as Asia/Tokyo)", c.Timezone)
	} else {
		c.Location = loc
	}
	if briefbot.ValidChatLanguage(c.DefaultLanguage) != nil || c.DefaultLanguage == "" {
		bad("default_language", "must be ja, en or ru, got %q", c.DefaultLanguage)
	}
	if u, err := url.Parse(c.Telegram.APIURL); err != nil || !isHTTP(c.Telegram.APIURL) || u.Host == "" {
		bad("telegram.api_url", "must be an http(s) URL, got %q", c.Telegram.APIURL)
	}
	if strings.ContainsAny(c.Telegram.Token, " \t\n") {
		bad("telegram.token", "contains whitespace")
	}
	if d := c.Telegram.InstanceCheck.D(); d < 0 || d > 50*time.Second {
		bad("telegram.instance_check", "must be between 0s (no check) and 50s (Telegram's longest poll), got %s", d)
	}
	if w := c.Telegram.Webhook; w.Listen != "" {
		if !strings.HasPrefix(w.PublicURL, "https://") {
			bad("telegram.webhook.public_url", "webhook mode needs the public https URL Telegram posts to")
		}
		if !regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`).MatchString(w.SecretToken) {
			bad("telegram.webhook.secret_token", "webhook mode needs a secret_token of 1-256 characters A-Z a-z 0-9 _ -")
		}
	}
	if c.Database.Path == "" {
		bad("database.path", "must not be empty")
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		bad("log.format", "must be text or json, got %q", c.Log.Format)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "must be debug, info, warn or error, got %q", c.Log.Level)
	}
	for i, id := range c.Admins {
		if id <= 0 {
			bad(fmt.Sprintf("admins[%d]", i), "a Telegram user ID is a positive number, got %d", id)
		}
	}

	topics := map[string]bool{}
	for i, t := range c.Topics {
		p := fmt.Sprintf("topics[%d]", i)
		switch {
		case !topicNameRE.MatchString(t.Name):
			bad(p+".name", "must be 1-32 characters a-z 0-9 _ - (it is typed in commands), got %q", t.Name)
		case topics[t.Name]:
			bad(p+".name", "duplicate topic %q", t.Name)
		}
		topics[t.Name] = true
		if strings.ContainsAny(t.Hashtag, " #\t") {
			bad(p+".hashtag", "a hashtag is one word without #, got %q", t.Hashtag)
		}
	}
	c.validateTitles(bad)
	checkTopics := func(p string, names []string) {
		if len(names) == 0 {
			bad(p, "name at least one topic")
		}
		for j, n := range names {
			if !topics[n] {
				bad(fmt.Sprintf("%s[%d]", p, j), "unknown topic %q (define it under topics:)", n)
			}
		}
	}

	feeds := map[string]bool{}
	for i, f := range c.Feeds {
		p := fmt.Sprintf("feeds[%d]", i)
		switch {
		case f.Name == "":
			bad(p+".name", "must not be empty")
		case feeds[f.Name]:
			bad(p+".name", "duplicate feed name %q", f.Name)
		}
		feeds[f.Name] = true
		c.validateFeedURL(p+".url", f.URL, bad)
		checkTopics(p+".topics", f.Topics)
		switch f.Language {
		case "ja", "en", "ru", "auto":
		default:
			bad(p+".language", "must be ja, en, ru or auto, got %q", f.Language)
		}
		if opts.CheckSchedule != nil {
			if err := opts.CheckSchedule(f.Schedule); err != nil {
				bad(p+".schedule", "%v", err)
			}
		}
		if _, set := lines[p+".outlet"]; set || f.Outlet != "" {
			if msg := outletProblem(f.Outlet); msg != "" {
				bad(p+".outlet", "%s", msg)
			}
		}
		if f.Backlog != "" && f.Backlog != "all" {
			if d, err := time.ParseDuration(f.Backlog); err != nil || d < 0 {
				bad(p+".backlog", "must be a duration such as 6h, or all, got %q", f.Backlog)
			}
		}
	}
	for i, ch := range c.Channels {
		p := fmt.Sprintf("channels[%d]", i)
		switch {
		case ch.Username != "":
			if msg := channelNameProblem(ch.Username); msg != "" {
				bad(p+".chat_id", "%s", msg)
			}
		case ch.ChatID >= 0:
			bad(p+".chat_id", "must be the channel's negative id (-100...) or its public \"@name\", got %d", ch.ChatID)
		}
		checkTopics(p+".topics", ch.Topics)
		if ch.Mode != "instant" && ch.Mode != "edition" {
			bad(p+".mode", "must be instant or edition, got %q", ch.Mode)
		}
		if briefbot.ValidChatLanguage(ch.Language) != nil {
			bad(p+".language", "must be ja, en or ru (or left out for each story's main language), got %q", ch.Language)
		}
	}

	positive := []struct {
		field string
		ok    bool
	}{
		{"fetch.max_bytes", c.Fetch.MaxBytes > 0},
		{"fetch.timeout", c.Fetch.Timeout > 0},
		{"fetch.per_host", c.Fetch.PerHost > 0},
		{"fetch.fail_pause_after", c.Fetch.FailPauseAfter > 0},
		{"fetch.max_parallel", c.Fetch.MaxParallel > 0},
		{"fetch.max_total_bytes", c.Fetch.MaxTotalBytes > 0},
		{"fetch.max_new_stories", c.Fetch.MaxNewStories > 0},
		{"digest.window", c.Digest.Window > 0},
		{"delivery.global_per_second", c.Delivery.GlobalPerSecond > 0},
		{"delivery.max_attempts", c.Delivery.MaxAttempts > 0},
		{"search.per_user_per_minute", c.Search.PerUserPerMinute > 0},
		{"retention.posts", c.Retention.Posts > 0},
	}
	for _, p := range positive {
		if !p.ok {
			bad(p.field, "must be greater than zero")
		}
	}
	if c.Fetch.MaxTotalBytes > 0 && c.Fetch.MaxTotalBytes < c.Fetch.MaxBytes {
		bad("fetch.max_total_bytes", "must be at least fetch.max_bytes (%d bytes), or no large feed could ever be read", int64(c.Fetch.MaxBytes))
	}
	if max := 30.0; c.Delivery.GlobalPerSecond > max && !c.Delivery.PaidBroadcast {
		bad("delivery.global_per_second", "Telegram allows about %.0f messages/s; more needs paid_broadcast: true", max)
	} else if c.Delivery.GlobalPerSecond > 1000 {
		bad("delivery.global_per_second", "paid broadcasts are capped at 1000 messages/s")
	}
	if opts.CheckSchedule != nil {
		if err := opts.CheckSchedule(c.Delivery.Editions); err != nil {
			bad("delivery.editions", "%v", err)
		}
	}
	return errs
}

// validateTitles checks that every title a user may type names one topic:
// /subscribe takes a topic's name or any of its titles, in any case and
// width.
func (c *Config) validateTitles(bad func(string, string, ...any)) {
	owner := map[string]string{} // matching form → topic name
	for _, t := range c.Topics {
		owner[fold.String(t.Name)] = t.Name
	}
	for i, t := range c.Topics {
		for _, title := range t.Title.all() {
			k := fold.String(strings.TrimSpace(title))
			if o, taken := owner[k]; taken && o != t.Name {
				bad(fmt.Sprintf("topics[%d].title", i), "%q also names topic %q: /subscribe could not tell them apart", title, o)
				continue
			}
			owner[k] = t.Name
		}
	}
}

// channelNameRE is a public chat's username as Telegram allows it: 5-32
// letters, digits and underscores, starting with a letter.
var channelNameRE = regexp.MustCompile(`^@[A-Za-z][A-Za-z0-9_]{4,31}$`)

// channelNameProblem says what is wrong with a chat_id given as text, or "".
func channelNameProblem(name string) string {
	if channelNameRE.MatchString(name) {
		return ""
	}
	msg := fmt.Sprintf("must be the channel's negative id (-100...) or its public \"@name\" (5-32 letters, digits and _ after the @), got %q", name)
	// A link to the channel names it too: say what to write instead.
	if _, after, ok := strings.Cut(name, "t.me/"); ok && channelNameRE.MatchString("@"+after) {
		msg += fmt.Sprintf(" (did you mean \"@%s\"?)", after)
	} else if !strings.HasPrefix(name, "@") && channelNameRE.MatchString("@"+name) {
		msg += fmt.Sprintf(" (did you mean \"@%s\"?)", name)
	}
	return msg
}

// maxOutlet bounds feeds[].outlet: it is a name in a brief's 📰 line,
// and the longest outlet names run to about 40 characters.
const maxOutlet = 64

// outletProblem says what is wrong with a configured outlet name, or "".
func outletProblem(o string) string {
	switch {
	case strings.TrimSpace(o) == "":
		return "must not be empty (leave the key out to name entries from the feed itself)"
	case utf8.RuneCountInString(o) > maxOutlet:
		return fmt.Sprintf("at most %d characters, got %d", maxOutlet, utf8.RuneCountInString(o))
	case strings.IndexFunc(o, unicode.IsControl) >= 0:
		return "must not hold control characters (tabs, line breaks)"
	}
	return ""
}

func (c *Config) validateFeedURL(field, u string, bad func(string, string, ...any)) {
	switch {
	case u == "":
		bad(field, "must not be empty")
	case isHTTP(u):
		if pu, err := url.Parse(u); err != nil || pu.Host == "" {
			bad(field, "not a valid URL: %q", u)
		}
	default:
		p := strings.TrimPrefix(u, "file://")
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			bad(field, "neither an http(s) URL nor a readable file: %q", u)
		}
	}
}

// lineOf finds the line of a field, or of its closest parent in the file.
func lineOf(lines map[string]int, field string) int {
	for p := field; p != ""; {
		if l, ok := lines[p]; ok {
			return l
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 0
}
