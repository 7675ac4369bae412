package main

import (
	"testing"

	"briefbot"
	"briefbot/scheduler"
)

// A brief's story is the reports its sources link: another report that
// only shares a sentence with it neither makes the story long nor offers
// it a title.
func TestSourcesAreLinked(t *testing.T) {
	own := newUnit("zelensky", "https://www3.nhk.or.jp/news/1", "ja", "ゼレンスキー大統領 ロシアに対し圧力強める必要性を強調",
		"ゼレンスキー大統領は4日、SNSに投稿し反発しました。\nそのうえで圧力を強める必要性を強調しました。", "news")
	other := newUnit("call", "https://www3.nhk.or.jp/news/2", "ja", "",
		"アメリカのトランプ大統領との電話会談で何が話されたか。ロシアのプーチン大統領は報復を示唆しました。両首脳はイランについても話しました。会談は1時間に及びました。ロシア側は詳細を明らかにしていません。", "news")
	j := &judged{pb: scheduler.PreviewBrief{Brief: briefbot.Brief{Language: "ja"}, Push: true},
		units: []*unit{own, other}, linked: map[*unit]bool{own: true}}
	if got := j.sources(); len(got) != 1 || got[0] != own {
		t.Fatalf("sources = %v, want only the linked report", got)
	}
	res := &result{}
	checkFloors(res, 0, j)
	if res.longStories != 0 {
		t.Errorf("a two-sentence report counted as a long story (%d)", res.longStories)
	}
	j.linked = map[*unit]bool{}
	if got := j.sources(); len(got) != 2 {
		t.Errorf("without links, sources = %d units, want the 2 traced by text", len(got))
	}
}
