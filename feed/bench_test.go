package feed

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// japaneseRSS builds an n-item RSS feed of news-like Japanese paragraphs,
// about 2 KB per item (the size of an aggregator entry quoting two sources).
func japaneseRSS(n int) []byte {
	paras := []string{
		"アメリカのトランプ大統領とロシアのプーチン大統領は4日、ウクライナ情勢などをめぐって電話会談を行いました。",
		"トランプ大統領は「よい会談だったが、すぐに和平につながるようなものではなかった」としています。",
		"バチカン（ローマ教皇庁）は4日、ローマ教皇レオ14世がロシアのプーチン大統領と初めて会談したと発表した。",
		"ロシア軍はスムイ州のコンドラトフカ村及びドネツク民共和国のレドコドゥブ村を解放した。",
		"北大西洋条約機構（NATO）は5日、ブリュッセルで国防相会合を開き、防衛費の新たな目標について協議する。",
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0"><channel><title>ベンチマーク 国際</title><link>https://bench.example.jp/</link>` + "\n")
	base := time.Date(2025, 6, 4, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, "<item><title>国際ニュース 第%d報 ウクライナ情勢</title><link>https://bench.example.jp/news/%d.html?utm_source=rss</link>", i, i)
		fmt.Fprintf(&b, "<guid isPermaLink=\"false\">bench-%d</guid><pubDate>%s</pubDate><description><![CDATA[", i, base.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z))
		fmt.Fprintf(&b, `<blockquote cite="https://www3.nhk.or.jp/news/html/%d.html">`, i)
		for j := range 5 {
			b.WriteString("<p>" + paras[(i+j)%len(paras)] + "</p>")
		}
		fmt.Fprintf(&b, `<cite><a href="https://www3.nhk.or.jp/news/html/%d.html">NHK</a></cite></blockquote><blockquote>`, i)
		for j := 5; j < 10; j++ {
			b.WriteString("<p>" + paras[(i+j)%len(paras)] + "</p>")
		}
		b.WriteString("</blockquote>]]></description></item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}

func BenchmarkParse10k(b *testing.B) {
	const items = 10_000
	body := japaneseRSS(items)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	now := time.Now()
	for b.Loop() {
		res, err := parseBytes(body, "application/rss+xml", now, "ja", Limits{MaxEntries: items})
		if err != nil || len(res.Posts) != items {
			b.Fatalf("Parse: %v", err)
		}
	}
	b.ReportMetric(float64(items*b.N)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(len(body))/(1<<20), "MB/feed")
}

// BenchmarkLimitXML is the limits' streaming pass alone over the same feed:
// what it adds to BenchmarkParse10k.
func BenchmarkLimitXML(b *testing.B) {
	const items = 10_000
	body := japaneseRSS(items)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if out, cut, err := limitXML(body, Limits{MaxEntries: items}); err != nil || cut || len(out) != len(body) {
			b.Fatalf("limitXML: cut %v, %v", cut, err)
		}
	}
}

func BenchmarkCleanHTML(b *testing.B) {
	body := string(readTestdata(b, "hatena.xml"))
	body = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(body)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		cleanHTML(body, nil)
	}
}
