package config

import (
	"time"

	"briefbot"
)

// DomainTopics converts the configured topics.
func (c *Config) DomainTopics() []briefbot.Topic {
	out := make([]briefbot.Topic, len(c.Topics))
	for i, t := range c.Topics {
		out[i] = briefbot.Topic{Name: t.Name, Title: t.Title.Text, Titles: t.Title.ByLanguage(),
			Hashtag: t.Hashtag, Include: t.Include, Exclude: t.Exclude}
	}
	return out
}

// DomainFeeds converts the configured feeds, applying fetch.backlog where a
// feed has no backlog of its own.
func (c *Config) DomainFeeds() []briefbot.Feed {
	out := make([]briefbot.Feed, len(c.Feeds))
	for i, f := range c.Feeds {
		out[i] = c.DomainFeed(f)
	}
	return out
}

// DomainFeed converts one configured feed.
func (c *Config) DomainFeed(f Feed) briefbot.Feed {
	d := briefbot.Feed{
		Name: f.Name, URL: f.URL, Topics: f.Topics, Language: f.Language,
		Schedule: f.Schedule, Urgent: f.Urgent, Include: f.Include, Exclude: f.Exclude,
		Backlog: c.Fetch.Backlog.D(), Outlet: f.Outlet,
	}
	switch f.Backlog {
	case "":
	case "all":
		d.BacklogAll = true
	default:
		if b, err := time.ParseDuration(f.Backlog); err == nil {
			d.Backlog = b
		}
	}
	return d
}
