package digest

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"briefbot"
)

// storyOf maps each seed entry's first line to the index of its story.
func seedStories(t *testing.T) (map[int]int, []seedEntry) {
	es := seedEntries(t)
	var posts []briefbot.Post
	for _, e := range es {
		posts = append(posts, e.post)
	}
	stories := Cluster(nil, itemsOf(posts...), ClusterOptions{}).Stories
	byFirst := map[int]int{}
	for si, s := range stories {
		for _, it := range s.Items {
			byFirst[es[it.PostID-1].first] = si
		}
	}
	return byFirst, es
}

func TestClusterSeedPairs(t *testing.T) {
	story, es := seedStories(t)
	// Hand-labelled by seed line ranges (testdata/seed-entries.tsv).
	must := [][]int{
		{146, 158, 176, 202, 284}, // the five reports of the Putin–Trump call
		{12, 22, 120},             // the Putin–Pope call: Sputnik, Reuters, NHK
		{381, 385},                // Shoigu in Pyongyang: Reuters, Sputnik
		{38, 48},                  // Zelensky's ceasefire offer: Reuters and NHK lead with different parts of it
		{85, 98, 108},             // Putin's "who negotiates with terrorists": Sputnik, Reuters, NHK
	}
	for _, g := range must {
		for _, l := range g[1:] {
			if story[l] != story[g[0]] {
				t.Errorf("entries at lines %d and %d report one event but are apart", g[0], l)
			}
		}
	}
	mustNot := [][2]int{
		{12, 146},  // the Pope call is not the Trump call, same day, same Putin
		{120, 202}, // NHK's two call stories
		{320, 146}, // the NATO meeting Hegseth skipped
		{320, 351}, // …nor Pistorius's weapons
		{381, 146}, // Shoigu–Kim
		{385, 351},
		{4, 399},   // the MoD summary vs the overnight drone strikes
		{333, 320}, // air cover vs the Hegseth meeting
		{128, 134}, // Peskov vs Zakharova
		{226, 146}, // the cabinet secretary's comment
		{79, 146},  // Medinsky's report vs the call
		{365, 351}, // Umerov vs Pistorius
		{399, 146}, // drone strikes vs the call
		{310, 284}, // the damage estimate vs the call
		{58, 73},   // the award vs the satellite images
		{144, 134}, // Kellogg vs Zakharova
		{373, 351}, // Rutte vs Pistorius
		{12, 85},   // Pope call vs Putin's "terrorists" remark
		{4, 12},    // MoD summary vs Pope call
		{381, 399}, // Shoigu vs drone strikes
		{146, 381}, // the call vs Shoigu
		{22, 284},  // Reuters' two call stories
		{48, 146},  // Zelensky's offer vs the call
		{351, 333}, // Pistorius vs air cover
		{320, 365}, // Hegseth vs Umerov: same meeting, different news
		{128, 146}, // Peskov vs the call
		{134, 146}, // Zakharova vs the call
		{58, 146},  // the award vs the call
		{73, 146},  // the images vs the call
		{4, 146},   // MoD vs the call
		{373, 146}, // Rutte vs the call
		{144, 146}, // Kellogg vs the call
		{333, 146}, // air cover vs the call
		{226, 12},  // cabinet secretary vs the Pope call
		{79, 12},   // Medinsky vs the Pope call
		{38, 12},   // Zelensky vs the Pope call
		{381, 12},  // Shoigu vs the Pope call
		{399, 12},  // drone strikes vs the Pope call
		{351, 12},  // Pistorius vs the Pope call
		{320, 12},  // Hegseth vs the Pope call
	}
	for _, p := range mustNot {
		if story[p[0]] == story[p[1]] {
			t.Errorf("entries at lines %d and %d are different events but share a story", p[0], p[1])
		}
	}
	if len(es) == 0 {
		t.Fatal("no entries")
	}
}

func item(id int64, lang, title, text string, at time.Time) briefbot.Item {
	return briefbot.Item{PostID: id, FeedName: "f", URL: fmt.Sprintf("https://example.com/%d", id), Outlet: "example.com",
		Title: title, Text: text, Language: lang, Published: at, FetchedAt: at, Topics: []string{"world"}}
}

func TestClusterPairs(t *testing.T) {
	at := time.Date(2025, 6, 4, 12, 0, 0, 0, time.UTC)
	storm := time.Date(2025, 9, 1, 9, 0, 0, 0, time.UTC) // a Monday
	tests := []struct {
		name  string
		a, b  briefbot.Item
		merge bool
	}{
		{"near copy across outlets",
			item(1, "en", "Putin tells Trump Russia must respond to Ukraine drone strikes", "Russian President Vladimir Putin told Donald Trump on Wednesday that Moscow would have to respond to Ukraine's weekend drone attacks on Russian airfields, Trump said after a call lasting an hour and 15 minutes.", at),
			item(2, "en", "Putin tells Trump Russia must respond to Ukraine's drone strikes", "Russian President Vladimir Putin told Donald Trump on Wednesday that Moscow will have to respond to Ukraine's weekend drone attacks on Russian airfields, Trump said after a call that lasted an hour and 15 minutes.", at.Add(time.Hour)),
			true},
		{"different write-ups of one event",
			item(3, "en", "Trump says call with Putin was good but won't lead to immediate peace", "Donald Trump said his phone call with Vladimir Putin lasted an hour and 15 minutes and discussed Ukraine's attack on Russian airfields and Iran.", at),
			item(4, "en", "Putin warns Trump of response to airfield attacks in phone call", "Vladimir Putin warned Donald Trump in a phone call on Wednesday that Russia would respond to Ukraine's attack on its airfields; the two also discussed Iran, the Kremlin said.", at.Add(2*time.Hour)),
			true},
		{"shared vocabulary, different events",
			item(5, "en", "Putin holds first phone call with Pope Leo", "Vladimir Putin held his first phone call with Pope Leo XIV on Wednesday, the Kremlin said, thanking the Vatican for its readiness to help resolve the conflict.", at),
			item(6, "en", "Putin warns Trump of response to airfield attacks in phone call", "Vladimir Putin warned Donald Trump in a phone call on Wednesday that Russia would respond to Ukraine's attack on its airfields; the two also discussed Iran, the Kremlin said.", at.Add(time.Hour)),
			false},
		{"russian near copy",
			item(7, "ru", "Путин и Трамп провели телефонный разговор", "Президент России Владимир Путин и президент США Дональд Трамп в среду провели телефонный разговор, который продолжался час и пятнадцать минут, сообщил Ушаков.", at),
			item(8, "ru", "Путин и Трамп провели телефонный разговор", "Президент России Владимир Путин и президент США Дональд Трамп провели в среду телефонный разговор, продолжавшийся час и пятнадцать минут, сообщил помощник президента Ушаков.", at.Add(time.Hour)),
			true},
		{"outside the window",
			item(9, "en", "Putin tells Trump Russia must respond to Ukraine drone strikes", "Russian President Vladimir Putin told Donald Trump that Moscow would have to respond to Ukraine's drone attacks on Russian airfields.", at),
			item(10, "en", "Putin tells Trump Russia must respond to Ukraine drone strikes", "Russian President Vladimir Putin told Donald Trump that Moscow would have to respond to Ukraine's drone attacks on Russian airfields.", at.Add(40*time.Hour)),
			false},
		{"one call in English and Russian",
			item(11, "en", "Putin and Trump hold phone call", "Vladimir Putin and Donald Trump held a phone call that lasted an hour and 15 minutes.", at),
			item(12, "ru", "Путин и Трамп провели телефонный разговор", "Владимир Путин и Дональд Трамп провели телефонный разговор, который продолжался час и 15 минут.", at),
			true},
		{"a death toll that rises",
			item(15, "en", "Three killed in drive-by shooting at Chicago birthday party", "Three people were killed and four wounded when gunmen opened fire on a birthday gathering in Chicago's Chatham neighborhood late on Monday, police said.", at),
			item(16, "en", "Chicago birthday party shooting death toll rises to five", "Two more victims of Monday night's drive-by shooting at a birthday gathering in Chicago's Chatham neighborhood have died, bringing the toll to five, police said on Tuesday.", at.Add(10*time.Hour)),
			true},
		{"a call of 40 minutes is another call",
			item(13, "en", "Putin and Trump hold phone call", "Vladimir Putin and Donald Trump held a phone call that lasted an hour and 15 minutes.", at),
			item(14, "ru", "Путин и Трамп провели телефонный разговор", "Владимир Путин и Дональд Трамп провели телефонный разговор, который продолжался около 40 минут.", at.Add(20*time.Hour)),
			false},
		// A storm's name or number names the event (stormKeys).
		{"one typhoon by its number, told from two places",
			item(101, "ja", "台風１４号 九州南部に上陸 ３人けが", "強い台風１４号は１日朝、鹿児島県に上陸しました。気象庁によりますと、九州南部では猛烈な風が吹き、これまでに３人がけがをしました。", storm),
			item(102, "ja", "", "大型で強い台風１４号の影響で、宮崎県では１日、住宅１２棟が浸水し、約３万戸が停電した。九州電力が復旧を急いでいる。", storm.Add(2*time.Hour)),
			true},
		{"two typhoons on one coast",
			item(103, "ja", "台風１４号 九州南部に上陸", "強い台風１４号は１日朝、鹿児島県に上陸しました。九州南部では猛烈な風が吹いています。", storm),
			item(104, "ja", "台風１５号 九州南部に上陸", "強い台風１５号は１日夜、鹿児島県に上陸しました。九州南部では猛烈な風が吹いています。", storm.Add(3*time.Hour)),
			false},
		{"one hurricane by its name, told two ways",
			item(111, "en", "Hurricane Delia makes landfall in Louisiana", "Hurricane Delia came ashore near Grand Isle on Monday with winds of 130 mph, the National Hurricane Center said.", storm),
			item(112, "en", "Delia leaves 200,000 without power along the Gulf Coast", "More than 200,000 homes and businesses lost power in Louisiana and Mississippi on Monday as Hurricane Delia moved inland, utilities said.", storm.Add(3*time.Hour)),
			true},
		{"two named storms on one coast",
			item(105, "en", "Hurricane Delia makes landfall in Louisiana", "Hurricane Delia made landfall in Louisiana on Monday with winds of 130 mph, knocking out power to thousands.", storm),
			item(106, "en", "Hurricane Ernesto makes landfall in Louisiana", "Hurricane Ernesto made landfall in Louisiana on Monday with winds of 90 mph, knocking out power to thousands.", storm.Add(time.Hour)),
			false},
		{"a deadline's weekday does not date the news",
			item(209, "en", "Sudan's warring sides extend truce by 30 days, mediators say", "Saudi Arabia and the United States said on Monday that Sudan's army and the Rapid Support Forces had agreed to extend their truce in Khartoum by 30 days. The truce had been due to expire on Thursday.", storm),
			item(210, "en", "Sudan truce extended for a month in Khartoum", "Sudan's army and the Rapid Support Forces agreed on Monday to extend their truce in Khartoum by 30 days, Saudi and US mediators said.", storm.Add(2*time.Hour)),
			true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Cluster(nil, []briefbot.Item{tt.a, tt.b}, ClusterOptions{}).Stories
			if merged := len(got) == 1; merged != tt.merge {
				t.Errorf("merged = %v, want %v (%d stories)", merged, tt.merge, len(got))
			}
		})
	}
}

func TestClusterAppendsToOpenStory(t *testing.T) {
	at := time.Date(2025, 6, 4, 12, 0, 0, 0, time.UTC)
	a := item(1, "en", "Putin tells Trump Russia must respond to Ukraine drone strikes", "Russian President Vladimir Putin told Donald Trump on Wednesday that Moscow would have to respond to Ukraine's weekend drone attacks on Russian airfields.", at)
	a.Topics = []string{"russia"}
	open := &briefbot.Story{ID: 42, Language: "en", Topics: []string{"russia"}, Items: []briefbot.Item{a},
		FirstPublished: at, FirstSeen: at, LastSeen: at}
	b := item(2, "en", "Putin tells Trump Russia must respond to Ukraine's drone strikes", "Russian President Vladimir Putin told Donald Trump on Wednesday that Moscow will have to respond to Ukraine's weekend drone attacks on Russian airfields.", at.Add(-time.Hour))
	c := item(3, "en", "Floods hit northern Italy", "Heavy rain flooded towns across northern Italy on Wednesday, forcing hundreds to leave their homes.", at)
	got := Cluster([]*briefbot.Story{open}, []briefbot.Item{c, b}, ClusterOptions{}).Stories
	if len(got) != 2 || got[0] != open || got[1].ID != 0 {
		t.Fatalf("got %d stories, first %p (open %p)", len(got), got[0], open)
	}
	if open.ID != 42 || len(open.Items) != 2 || open.Items[1].PostID != 2 {
		t.Errorf("open story not appended to: %+v", open.Items)
	}
	if !open.FirstPublished.Equal(at.Add(-time.Hour)) || strings.Join(open.Topics, ",") != "russia,world" {
		t.Errorf("dates/topics not updated: %v %v", open.FirstPublished, open.Topics)
	}
}

// storyKeys describes a clustering as sorted lists of item identities.
func storyKeys(stories []*briefbot.Story) []string {
	var out []string
	for _, s := range stories {
		var ks []string
		for _, it := range s.Items {
			ks = append(ks, fmt.Sprintf("%d.%d", it.PostID, it.Index))
		}
		sort.Strings(ks)
		out = append(out, strings.Join(ks, " "))
	}
	sort.Strings(out)
	return out
}

func TestDeterminism(t *testing.T) {
	var posts []briefbot.Post
	for _, e := range seedEntries(t) {
		posts = append(posts, e.post)
	}
	items := itemsOf(posts...)
	first, _ := renderAll(Cluster(nil, items, ClusterOptions{}).Stories)
	second, _ := renderAll(Cluster(nil, itemsOf(posts...), ClusterOptions{}).Stories)
	if first != second {
		t.Fatalf("same input, different output:\n%s", firstDiff(first, second))
	}
	want := storyKeys(Cluster(nil, items, ClusterOptions{}).Stories)
	r := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 5; round++ {
		shuffled := append([]briefbot.Item(nil), items...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got := storyKeys(Cluster(nil, shuffled, ClusterOptions{}).Stories)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("shuffled input gives other stories:\n got %v\nwant %v", got, want)
		}
	}
}

// TestClampedNanos: a broken feed's far dates stay ordered and their
// differences never overflow.
func TestClampedNanos(t *testing.T) {
	now := time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		t    time.Time
		want int64
	}{
		{now, now.UnixNano()},
		{time.Time{}, -nanosBound},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), nanosBound},
	}
	for _, tt := range tests {
		if got := clampedNanos(tt.t); got != tt.want {
			t.Errorf("clampedNanos(%v) = %d, want %d", tt.t, got, tt.want)
		}
	}
	if d := clampedNanos(time.Time{}) - clampedNanos(time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)); d >= 0 {
		t.Errorf("year 1 minus year 9999 = %d, want negative", d)
	}
}
