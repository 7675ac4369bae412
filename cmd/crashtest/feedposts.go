package main

import (
	"fmt"
	"html"
	"os"
	"strings"
	"time"
)

// pacedStories are unrelated reports (different places, actors and
// subjects), so clustering keeps each one a story of its own and every
// chat receives one brief per post.
var pacedStories = []struct{ title, body string }{
	{"停戦協議がイスタンブールで再開 捕虜交換の拡大で合意",
		"ウクライナとロシアの停戦協議が25日、イスタンブールで再開されました。双方は捕虜交換の規模を拡大することで合意しました。"},
	{"日銀 政策金利を据え置き 物価見通しを上方修正",
		"日本銀行は金融政策決定会合で政策金利を据え置くことを決めました。植田総裁は記者会見で物価見通しを上方修正したと説明しました。"},
	{"北海道で震度5弱の地震 津波の心配なし",
		"北海道東部で震度5弱の揺れを観測する地震がありました。気象庁によりますと、この地震による津波の心配はないということです。"},
	{"ブラジル大統領 アマゾン保護で新基金を発表",
		"ブラジルのルラ大統領はベレンで演説し、アマゾンの熱帯雨林を保護するための新たな基金を設立すると発表しました。"},
	{"インド中銀が利下げ 成長の減速に対応",
		"インド準備銀行はムンバイで会合を開き、主要政策金利を0.25ポイント引き下げると発表しました。景気の減速に対応する狙いです。"},
	{"欧州議会 AI規制の運用指針を承認",
		"ストラスブールの欧州議会は人工知能の規制法の運用指針を賛成多数で承認しました。企業には来年から新たな義務が課されます。"},
	{"ケニアで大雨 首都ナイロビで洪水被害",
		"ケニアでは記録的な大雨が続き、首都ナイロビの各地で川が氾濫しました。政府は住民に避難を呼びかけています。"},
	{"トヨタ 全固体電池の量産工場を九州に建設へ",
		"トヨタ自動車は全固体電池を量産する新しい工場を福岡県に建設すると発表しました。2028年の稼働を目指すということです。"},
	{"南極の海氷面積 観測史上最小に",
		"アメリカの雪氷データセンターは、南極周辺の海氷面積がこの時期として観測史上最も小さくなったと発表しました。"},
	{"サッカーW杯予選 日本代表がオーストラリアに勝利",
		"サッカーワールドカップのアジア最終予選で、日本代表は埼玉スタジアムでオーストラリアと対戦し、2対0で勝ちました。"},
	{"メキシコ大統領選 与党候補が勝利宣言",
		"メキシコの大統領選挙で、与党の候補がメキシコシティで支持者を前に勝利を宣言しました。選挙管理当局の速報で大きくリードしています。"},
	{"国際宇宙ステーションに新型補給船がドッキング",
		"種子島宇宙センターから打ち上げられた新型の補給船が、国際宇宙ステーションへのドッキングに成功しました。JAXAが発表しました。"},
}

// writeFeedPosts writes an RSS file with the first k pacedStories, each
// dated a minute apart before now; k = 0 writes a feed with no item yet.
func writeFeedPosts(path string, now time.Time, k int) error {
	if k < 0 || k > len(pacedStories) {
		return fmt.Errorf("posts: %d, want 0..%d", k, len(pacedStories))
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>クラッシュ試験通信</title><link>https://www3.nhk.or.jp/news/</link><description>crashtest</description>
`)
	for i, s := range pacedStories[:k] {
		at := now.Add(-time.Duration(i) * time.Minute)
		fmt.Fprintf(&b, `<item>
<guid isPermaLink="false">paced-%d-%d</guid>
<title>%s</title>
<link>https://www3.nhk.or.jp/news/html/%s/k1001470%04d000.html</link>
<pubDate>%s</pubDate>
<description><![CDATA[<p>%s</p>]]></description>
</item>
`, now.Unix(), i, html.EscapeString(s.title), at.Format("20060102"), i, at.Format(time.RFC1123Z), s.body)
	}
	b.WriteString("</channel></rss>\n")
	return os.WriteFile(path, []byte(b.String()), 0o600)
}
