package scheduler

import (
	"testing"
	"time"

	"briefbot"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		n    int
		want time.Duration
	}{
		{0, 0},
		{1, 2 * time.Minute},
		{2, 4 * time.Minute},
		{5, 32 * time.Minute},
		{8, 256 * time.Minute},
		{9, 6 * time.Hour},
		{64, 6 * time.Hour},
		{1 << 30, 6 * time.Hour},
	}
	for _, tc := range tests {
		if got := backoff(tc.n); got != tc.want {
			t.Errorf("backoff(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestFilterKeep(t *testing.T) {
	tests := []struct {
		name             string
		include, exclude []string
		parts            []string
		want             bool
	}{
		{"no lists", nil, nil, []string{"anything"}, true},
		{"full-width keyword, ascii text", []string{"ＮＨＫ"}, nil, []string{"nhk reports"}, true},
		{"half-width katakana text", []string{"ウクライナ"}, nil, []string{"ｳｸﾗｲﾅ情勢"}, true},
		{"case", []string{"Putin"}, nil, []string{"PUTIN SAYS"}, true},
		{"include misses", []string{"putin"}, nil, []string{"trump says"}, false},
		{"exclude hits", nil, []string{"広告"}, []string{"title", "【広告】"}, false},
		{"exclude beats include", []string{"putin"}, []string{"opinion"}, []string{"Opinion: Putin"}, false},
		{"match in post title", []string{"ロシア"}, nil, []string{"ロシア関連", "block title", "block text"}, true},
		{"no match across part boundary", []string{"ab"}, nil, []string{"a", "b"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := newFilter(tc.include, tc.exclude).keep(tc.parts...); got != tc.want {
				t.Errorf("keep = %v, want %v", got, tc.want)
			}
		})
	}
}

func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{
		"*/15 * * * *", "@every 10m", "@hourly", "0 7,12,19 * * *", "TZ=Asia/Tokyo",
		"CRON_TZ=Asia/Tokyo 0 7 * * *", "CRON_TZ=", "@every", "0 0 30 2 *", "61 * * * *",
		"* * * * * *", "1-5/0 * * * *", "@every 1ns",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		sched, err := parseSchedule(spec, time.UTC)
		if err != nil {
			return
		}
		now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
		if next := sched.Next(now); !next.After(now) {
			t.Errorf("parseSchedule(%q) accepted a schedule whose next run %v is not after %v", spec, next, now)
		}
	})
}

func TestSetTopicsChangesHashtags(t *testing.T) {
	p := NewPipeline(nil, Stores{}, PipelineOptions{Topics: []briefbot.Topic{{Name: "world", Hashtag: "国際"}}})
	if got := p.renderOptions(nil).Hashtags["world"]; got != "国際" {
		t.Fatalf("hashtag before reload = %q, want 国際", got)
	}
	p.SetTopics([]briefbot.Topic{{Name: "world", Hashtag: "世界"}, {Name: "asia", Hashtag: "アジア"}})
	h := p.renderOptions(nil).Hashtags
	if h["world"] != "世界" || h["asia"] != "アジア" {
		t.Fatalf("hashtags after SetTopics = %v", h)
	}
}
