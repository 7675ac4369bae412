package digest_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/digest"
)

// The README shows a brief of the bundled sample feed as the bot sends it;
// this renders the sample through the pipeline's pure steps (parse, split,
// cluster, render with a corpus of the stories, as the scheduler does) and
// wants the README's block to be that brief, byte for byte.
func TestReadmeSampleBrief(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- sample-brief -->.*?```\n(.*?)\n```.*?<!-- /sample-brief -->").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no <!-- sample-brief --> block with a code block inside")
	}
	want := string(m[1])
	src := regexp.MustCompile(`📰 <a href="([^"]+)"`).FindStringSubmatch(want)
	if src == nil {
		t.Fatal("the README's sample brief has no 📰 line")
	}
	items := pipelineItems(t, filepath.Join("..", "examples", "sample-feed.xml"), "ja", 1, time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
	stories := digest.Cluster(nil, items, digest.ClusterOptions{}).Stories
	var texts []string
	for _, s := range stories {
		var sb strings.Builder
		for _, it := range s.Items {
			sb.WriteString(it.Title + "\n\n" + it.Text + "\n\n")
		}
		texts = append(texts, sb.String())
	}
	jst := time.FixedZone("JST", 9*3600)
	opt := digest.RenderOptions{Location: jst, Hashtags: map[string]string{"world": "国際"}, Corpus: digest.NewCorpus(texts)}
	var got []briefbot.Brief
	for _, s := range stories {
		b := digest.Render(s, opt)
		for _, src2 := range b.Sources {
			if src2.URL == src[1] {
				got = append(got, b)
			}
		}
	}
	if len(got) != 1 {
		t.Fatalf("%d briefs link %s, want 1", len(got), src[1])
	}
	if got[0].HTML != want {
		t.Errorf("README's sample brief is not what the sample renders to; update the README block to:\n%s", got[0].HTML)
	}
}
