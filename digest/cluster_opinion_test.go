package digest

import (
	"testing"
	"time"

	"briefbot"
)

// TestClusterOpinionStandsAlone: an opinion item joins no story, even one
// it nearly copies, and no report joins the story it made, so opinion
// never bridges two reports.
func TestClusterOpinionStandsAlone(t *testing.T) {
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	report := func(url string) briefbot.Item {
		return briefbot.Item{URL: url, Language: "en", Published: at, FetchedAt: at,
			Title: "Strong earthquake strikes off northern Japan",
			Text: "A magnitude 6.8 earthquake struck off the coast of Aomori prefecture on Friday evening, the Japan Meteorological Agency said.\n\n" +
				"The agency issued a tsunami advisory for the Pacific coast of Aomori and Iwate prefectures."}
	}
	column := report("https://news.example.com/opinion/aomori")
	column.Text += "\n\nI think we should have been better prepared."
	column.Opinion = true

	if got := Cluster(nil, []briefbot.Item{report("https://www3.nhk.or.jp/1"), report("https://www3.nhk.or.jp/2")}, ClusterOptions{}).Stories; len(got) != 1 {
		t.Fatalf("two copies of a report make %d stories, want 1: the test's items must cluster", len(got))
	}
	stories := Cluster(nil, []briefbot.Item{report("https://www3.nhk.or.jp/1"), column}, ClusterOptions{}).Stories
	if len(stories) != 2 {
		t.Fatalf("a report and a column on it make %d stories, want 2", len(stories))
	}
	for _, s := range stories {
		if len(s.Items) != 1 {
			t.Errorf("story of %d items, want 1", len(s.Items))
		}
	}

	// A report arriving later joins neither the column's story nor, through
	// it, anything else.
	open := []*briefbot.Story{{ID: 7, Language: "en", Items: []briefbot.Item{column}}}
	open[0].Items[0].StoryID = 7
	got := Cluster(open, []briefbot.Item{report("https://www3.nhk.or.jp/3")}, ClusterOptions{}).Stories
	if len(got) != 1 || got[0].ID != 0 || len(open[0].Items) != 1 {
		t.Errorf("a report joined the column's story: %d stories changed, column story holds %d items", len(got), len(open[0].Items))
	}
}
