package digest

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"briefbot"
)

// ClusterOptions tunes clustering.
type ClusterOptions struct {
	Window time.Duration // default 36h when zero: items further apart than this never join
}

// Thresholds, set on the hand-labelled seed pairs (cluster_test.go).
const (
	nearCopy    = 0.5  // shingle resemblance that makes two texts one report
	joinScore   = 0.33 // cosine + name bonus needed to join a story
	nameBonus   = 0.1  // weight of shared names in the join score
	actorBonus  = 0.05 // the same person acts in both (actors.go)
	quoteBonus  = 0.15 // both quote the same words (quotes.go)
	minCosine   = 0.12 // below this no number of shared names joins
	maxPosting  = 200  // index keys shared by more live stories than this are too common to block on
	maxCands    = 8    // candidates scored per item, those sharing most keys
	leadRunes   = 400  // how much of an item's text stands for its lead
	keysPerItem = 12   // rarest terms an item is indexed and looked up by
)

// itemFeat is what clustering knows of one item.
type itemFeat struct {
	at     time.Time
	terms  []string
	vec    vec
	sv     svec
	keys   []string
	names  map[string]bool
	sketch []uint64
	// who acts and who is named in the title and lead (actors.go)
	subj map[string]bool
	lead string
	// quotations of its title and lead (quotes.go)
	quotes [][]rune
}

// cstory is a story being clustered.
type cstory struct {
	s        *briefbot.Story
	changed  bool
	created  int // order of creation among new stories; -1 for open ones
	minT     time.Time
	maxT     time.Time
	names    map[string]int
	subj     map[string]int
	leads    []string
	sketches [][]uint64
	vecs     []svec
	quotes   [][]rune
}

func itemTime(it briefbot.Item) time.Time {
	if !it.Published.IsZero() {
		return it.Published
	}
	return it.FetchedAt
}

// leadOf is the part of an item that says what happened: its title and the
// start of its text.
func leadOf(it briefbot.Item) string {
	t := it.Text
	if utf8.RuneCountInString(t) > leadRunes {
		t = string([]rune(t)[:leadRunes])
	}
	return it.Title + "\n" + t
}

// Cluster assigns each new item to the closest open story of the same
// language (from open, and from stories created earlier in this same call)
// or starts a new story. Near-copies join by shingle resemblance; other
// write-ups by TF-IDF cosine of title and lead with a bonus for shared names
// and numbers. Candidates come from an inverted index on each item's rarest
// terms and names, never from all pairs. Items are taken in time order (ties
// broken by feed, post, index, URL, text) so the input order does not matter.
// Existing stories are modified in place; new stories have ID 0. Returns the
// stories that changed or were created: changed open ones in their order in
// open, then new ones in creation order. Stories never merge with each other.
func Cluster(open []*briefbot.Story, items []briefbot.Item, opt ClusterOptions) []*briefbot.Story {
	w := opt.Window
	if w <= 0 {
		w = briefbot.DefaultWindow
	}
	items = append([]briefbot.Item(nil), items...)
	sort.SliceStable(items, func(i, j int) bool { return itemLess(items[i], items[j]) })

	// Document frequencies over everything in play make the weights
	// independent of arrival order.
	corpus := newCorpus()
	langOf := func(it briefbot.Item) string { return normLang(it.Language, it.Title+"\n"+it.Text) }
	// Each item's language once: checking the script is not free.
	openLangs := make([][]string, len(open))
	openTerms := make([][][]string, len(open))
	openLeads := make([][]string, len(open))
	for i, s := range open {
		for _, it := range s.Items {
			l := leadOf(it)
			openLeads[i] = append(openLeads[i], l)
			openLangs[i] = append(openLangs[i], langOf(it))
			ts := terms(l, openLangs[i][len(openLangs[i])-1])
			openTerms[i] = append(openTerms[i], ts)
			corpus.add(ts)
		}
	}
	newTerms := make([][]string, len(items))
	leads := make([]string, len(items))
	langs := make([]string, len(items))
	for i, it := range items {
		leads[i] = leadOf(it)
		langs[i] = langOf(it)
		newTerms[i] = terms(leads[i], langs[i])
		corpus.add(newTerms[i])
	}
	// Names weigh by rarity too: プーチン in every report tells nothing.
	nameCorpus := newCorpus()
	openNames := make([][]map[string]bool, len(open))
	for i, s := range open {
		for j := range s.Items {
			ns := names(openLeads[i][j], openLangs[i][j])
			openNames[i] = append(openNames[i], ns)
			nameCorpus.addSet(ns)
		}
	}
	newNames := make([]map[string]bool, len(items))
	for i := range items {
		newNames[i] = names(leads[i], langs[i])
		nameCorpus.addSet(newNames[i])
	}
	nameW := nameCorpus.rarity
	in := interner{}
	feat := func(it briefbot.Item, lang string, ts []string, ns map[string]bool) itemFeat {
		v := corpus.vector(ts)
		subj, lead := actors(it, lang)
		return itemFeat{at: itemTime(it), terms: ts, vec: v, sv: in.sparse(v), names: ns, sketch: sketch(it.Title + "\n" + it.Text),
			subj: subj, lead: lead, quotes: quotations(leadOf(it))}
	}

	var stories []*cstory
	index := map[string][]int{} // lang + key → stories
	keysOf := func(f itemFeat, lang string) []string {
		type kdf struct {
			k  string
			df int
		}
		all := make([]kdf, 0, len(f.vec))
		for t := range f.vec {
			all = append(all, kdf{t, corpus.df[t]})
		}
		// Rarest first; ties by the term itself for determinism.
		sort.Slice(all, func(i, j int) bool {
			if all[i].df != all[j].df {
				return all[i].df < all[j].df
			}
			return all[i].k < all[j].k
		})
		ks := make([]string, 0, keysPerItem)
		for _, x := range all {
			if len(ks) == keysPerItem {
				break
			}
			ks = append(ks, x.k)
		}
		var nk []string
		for n := range f.names {
			nk = append(nk, "\x01"+n)
		}
		sort.Strings(nk)
		out := make([]string, 0, len(ks)+len(nk))
		for _, k := range append(ks, nk...) {
			out = append(out, lang+"\x00"+k)
		}
		return out
	}
	add := func(si int, it briefbot.Item, f itemFeat, lang string) {
		cs := stories[si]
		if len(cs.sketches) == 0 || f.at.Before(cs.minT) {
			cs.minT = f.at
		}
		if len(cs.sketches) == 0 || f.at.After(cs.maxT) {
			cs.maxT = f.at
		}
		for n := range f.names {
			cs.names[n]++
		}
		for a := range f.subj {
			cs.subj[a]++
		}
		cs.leads = append(cs.leads, f.lead)
		cs.sketches = append(cs.sketches, f.sketch)
		cs.vecs = append(cs.vecs, f.sv)
		cs.quotes = append(cs.quotes, f.quotes...)
		for _, k := range f.keys {
			p := index[k]
			if len(p) == 0 || p[len(p)-1] != si {
				index[k] = append(p, si)
			}
		}
	}
	newStory := func(s *briefbot.Story, created int) int {
		stories = append(stories, &cstory{s: s, created: created, names: map[string]int{}, subj: map[string]int{}})
		return len(stories) - 1
	}
	for i, s := range open {
		si := newStory(s, -1)
		items := s.Items
		s.Items = nil // re-added below to build the features, then restored
		for j, it := range items {
			s.Items = append(s.Items, it)
			if it.Opinion {
				continue // opinion lends a story no features (see below)
			}
			f := feat(it, openLangs[i][j], openTerms[i][j], openNames[i][j])
			f.keys = keysOf(f, s.Language)
			add(si, it, f, s.Language)
		}
	}

	created := 0
	var live, touched, cands []int
	var votes []int32
	for i, it := range items {
		lang := langs[i]
		if it.Opinion {
			// Opinion stands alone: it joins no story and, indexed under no
			// key, no item joins it, so it never bridges two reports.
			cs := stories[newStory(&briefbot.Story{Language: lang}, created)]
			created++
			cs.changed = true
			joinItem(cs.s, it)
			continue
		}
		f := feat(it, lang, newTerms[i], newNames[i])
		f.keys = keysOf(f, lang)
		// Blocking: stories that share index keys with the item vote; only
		// the live ones sharing most keys are scored.
		for len(votes) < len(stories) {
			votes = append(votes, 0)
		}
		touched = touched[:0]
		for _, k := range f.keys {
			live = livePostings(live[:0], index[k], stories, len(open), f.at, w)
			if len(live) > maxPosting {
				continue
			}
			for _, si := range live {
				if votes[si] == 0 {
					touched = append(touched, si)
				}
				votes[si]++
			}
		}
		// The maxCands stories with most votes (ties: older story first),
		// by selection rather than a full sort.
		cands = cands[:0]
		for _, si := range touched {
			pos := len(cands)
			for pos > 0 && (votes[cands[pos-1]] < votes[si] || votes[cands[pos-1]] == votes[si] && cands[pos-1] > si) {
				pos--
			}
			if pos >= maxCands {
				continue
			}
			cands = append(cands, 0)
			copy(cands[pos+1:], cands[pos:])
			cands[pos] = si
			if len(cands) > maxCands {
				cands = cands[:maxCands]
			}
		}
		for _, si := range touched {
			votes[si] = 0
		}
		best, bestScore := -1, 0.0
		for rank, si := range cands {
			cs := stories[si]
			if cs.s.Language != lang || f.at.Before(cs.maxT.Add(-w)) || f.at.After(cs.minT.Add(w)) {
				continue
			}
			// A near-copy shares nearly every key, so it is among the two
			// best-voted candidates; shingles are compared only there.
			if sc := joinScoreOf(f, cs, nameW, rank < 2); sc > bestScore || sc == bestScore && best >= 0 && si < best {
				best, bestScore = si, sc
			}
		}
		if best < 0 || bestScore < joinScore {
			best = newStory(&briefbot.Story{Language: lang}, created)
			created++
		}
		cs := stories[best]
		cs.changed = true
		joinItem(cs.s, it)
		add(best, it, f, lang)
	}

	var out []*briefbot.Story
	for _, cs := range stories {
		if cs.changed && cs.created < 0 {
			out = append(out, cs.s)
		}
	}
	for _, cs := range stories {
		if cs.created >= 0 {
			out = append(out, cs.s)
		}
	}
	return out
}

// livePostings returns the stories of a posting list that an item at t may
// still join. New stories enter postings in creation order, which is time
// order, so the scan stops at the first one too old; open stories (indexes
// below nOpen) come first in any order and are all checked.
func livePostings(out, p []int, stories []*cstory, nOpen int, t time.Time, w time.Duration) []int {
	i := len(p) - 1
	for ; i >= 0 && p[i] >= nOpen; i-- {
		if stories[p[i]].minT.Add(w).Before(t) {
			break
		}
		out = append(out, p[i])
		if len(out) > maxPosting {
			return out
		}
	}
	for j := 0; j < len(p) && p[j] < nOpen; j++ {
		if !stories[p[j]].minT.Add(w).Before(t) {
			out = append(out, p[j])
		}
	}
	return out
}

// joinScoreOf scores how well an item fits a story: a near-copy of any of
// its items wins outright; otherwise cosine with the story's centroid plus a
// bonus for the share of the item's names the story already has.
func joinScoreOf(f itemFeat, cs *cstory, nameW func(string) float64, shingles bool) float64 {
	for _, sk := range cs.sketches {
		if !shingles {
			break
		}
		if r := resemblance(f.sketch, sk); r >= nearCopy {
			return 1 + r
		}
	}
	// Average of the two closest items: one close report is not enough to
	// pull an item into a grown story, and the story's drift does not either.
	best, second := 0.0, 0.0
	for _, v := range cs.vecs {
		c := f.sv.dot(v)
		if c > best {
			best, second = c, best
		} else if c > second {
			second = c
		}
	}
	cos := best
	if len(cs.vecs) > 1 {
		cos = (best + second) / 2
	}
	if cos < minCosine {
		return cos
	}
	if !actorsAgree(f.subj, f.lead, cs.subj, cs.leads) {
		return 0 // another actor's news, however alike the words
	}
	shared, total := 0.0, 0.0
	for nm := range f.names {
		if strings.HasPrefix(nm, "#") && len(nm) < 4 {
			continue // one- and two-digit numbers are dates, not facts
		}
		w := nameW(nm)
		total += w
		if cs.names[nm] > 0 {
			shared += w
		}
	}
	bonus := 0.0
	if total > 0 {
		bonus = nameBonus * shared / total
	}
	for a := range f.subj {
		if cs.subj[a] > 0 {
			bonus += actorBonus
			break
		}
	}
	if shareQuote(f.quotes, cs.quotes) {
		bonus += quoteBonus
	}
	return cos + bonus
}

// joinItem appends an item and updates the story's dates and topics.
func joinItem(s *briefbot.Story, it briefbot.Item) {
	at := itemTime(it)
	if len(s.Items) == 0 || at.Before(s.FirstPublished) {
		s.FirstPublished = at
	}
	if len(s.Items) == 0 || !it.FetchedAt.IsZero() && (s.FirstSeen.IsZero() || it.FetchedAt.Before(s.FirstSeen)) {
		s.FirstSeen = it.FetchedAt
	}
	if it.FetchedAt.After(s.LastSeen) {
		s.LastSeen = it.FetchedAt
	}
	for _, t := range it.Topics {
		found := false
		for _, have := range s.Topics {
			if have == t {
				found = true
				break
			}
		}
		if !found {
			s.Topics = append(s.Topics, t)
		}
	}
	s.Items = append(s.Items, it)
}

func itemLess(a, b briefbot.Item) bool {
	ta, tb := itemTime(a), itemTime(b)
	switch {
	case !ta.Equal(tb):
		return ta.Before(tb)
	case a.FeedName != b.FeedName:
		return a.FeedName < b.FeedName
	case a.PostID != b.PostID:
		return a.PostID < b.PostID
	case a.Index != b.Index:
		return a.Index < b.Index
	case a.URL != b.URL:
		return a.URL < b.URL
	case a.Title != b.Title:
		return a.Title < b.Title
	}
	return a.Text < b.Text
}
