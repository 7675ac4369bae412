package digest

import (
	"slices"
	"sort"
	"time"
	"unicode/utf8"

	"briefbot"
)

// ClusterOptions tunes clustering.
type ClusterOptions struct {
	Window time.Duration // default 36h when zero: items further apart than this never join
}

// Merge says that open story From (a stored story) was absorbed into open
// story Into (the older of the two, i.e. the smaller ID): every item of
// From now belongs to Into.
type Merge struct{ Into, From int64 }

// Result is what Cluster changed.
type Result struct {
	// Stories: the open stories that gained items or absorbed others (in
	// their order in open), then the new stories (ID 0) in creation order.
	// A story absorbed by a merge is not listed; its items appear in the
	// survivor with their IDs kept.
	Stories []*briefbot.Story
	Merges  []Merge
}

// Bounds on the work one item costs, whatever the feed: a templated feed
// of 60,000 look-alike items must not make clustering quadratic.
const (
	// maxPosting: of an index key's items, the latest this many are looked
	// at; a key shared by more (a template's words) is no better a clue.
	maxPosting = 256
	// maxNearPosting: the same for a shingle key.
	maxNearPosting = 32
	// maxCands: the items sharing most keys with a new item that the join
	// test is run against.
	maxCands = 24
	// maxCheck: the items of a story checked for a conflicting identity
	// before an item joins it; the first ones joined and the latest.
	maxCheck  = 64
	leadRunes = 400 // how much of an item's text stands for its lead
)

// Cluster puts new items into stories: an item joins every story one of
// whose items it reports the same event as (the join test, cluster_join.go), and
// when it joins two, they merge into the older one. The join test looks at
// the two items alone — names and entities in any of the three languages,
// figures, dates, quotations, title and lead wording, time — never at what
// else is in the batch, so the stories are the connected groups of items
// that report one event, the same whether items come all at once, one feed
// at a time or one by one with the stories stored in between. A story may
// not hold two items whose identities conflict (another day, another
// magnitude, another ordinal: identity.go) nor span more than the window:
// an item that would bring that about does not join. Items are taken in
// time order (ties broken by feed, post, index, URL, text), so the input
// order does not matter.
//
// Open stories are modified in place and never re-clustered among
// themselves: only a new item that passes the join test with two of them
// merges them. New stories have ID 0.
func Cluster(open []*briefbot.Story, items []briefbot.Item, opt ClusterOptions) Result {
	w := opt.Window
	if w <= 0 {
		w = briefbot.DefaultWindow
	}
	items = append([]briefbot.Item(nil), items...)
	sort.SliceStable(items, func(i, j int) bool { return itemLess(items[i], items[j]) })

	c := newClusterer(open, items, w)
	for i := range items {
		c.place(int32(c.nOpen + i))
	}
	return c.result(open, items)
}

// clusterer holds the items in play: the open stories' items first, then
// the new ones in time order. Groups are a union-find over items; an open
// story's items start as one group.
type clusterer struct {
	w      time.Duration
	feats  []itemFeat
	items  []briefbot.Item // per item, for ordering ties
	parent []int32
	// members of each group root, in the order they joined.
	members [][]int32
	minT    []time.Time // per root
	maxT    []time.Time
	nOpen   int                // items of open stories
	index   map[uint64][]int32 // key → items, in the order they were placed
	votes   []int32            // scratch, per item
	cands   []int32            // scratch
	touched []int32            // scratch
	groups  []int32            // scratch
	linked  map[int32]float64  // scratch: root → best join score
	// openFirst: each open story's first item, -1 for an empty story.
	openFirst []int32
}

func newClusterer(open []*briefbot.Story, items []briefbot.Item, w time.Duration) *clusterer {
	c := &clusterer{w: w, index: map[uint64][]int32{}, linked: map[int32]float64{}}
	// Sized once: a flood of 60,000 items must not copy them as it grows.
	n := len(items)
	for _, s := range open {
		n += len(s.Items)
	}
	c.feats = make([]itemFeat, 0, n)
	c.items = make([]briefbot.Item, 0, n)
	c.parent = make([]int32, 0, n)
	c.members = make([][]int32, 0, n)
	c.minT = make([]time.Time, 0, n)
	c.maxT = make([]time.Time, 0, n)
	for _, s := range open {
		root := int32(len(c.feats))
		c.openFirst = append(c.openFirst, -1)
		if len(s.Items) > 0 {
			c.openFirst[len(c.openFirst)-1] = root
		}
		for _, it := range s.Items {
			i := c.add(it, root)
			c.addMember(root, i)
			if !it.Opinion { // opinion lends a story nothing to be found by
				c.indexItem(i)
			}
		}
	}
	c.nOpen = len(c.feats)
	for _, it := range items {
		c.add(it, -1)
	}
	c.votes = make([]int32, len(c.feats))
	return c
}

// add appends an item in group root (-1: a group of its own) and returns
// its index.
func (c *clusterer) add(it briefbot.Item, root int32) int32 {
	i := int32(len(c.feats))
	if root < 0 {
		root = i
	}
	c.feats = append(c.feats, featuresOf(it))
	c.items = append(c.items, it)
	c.parent = append(c.parent, root)
	c.members = append(c.members, nil)
	c.minT = append(c.minT, time.Time{})
	c.maxT = append(c.maxT, time.Time{})
	return i
}

func (c *clusterer) find(i int32) int32 {
	for c.parent[i] != i {
		c.parent[i] = c.parent[c.parent[i]]
		i = c.parent[i]
	}
	return i
}

func (c *clusterer) addMember(root, i int32) {
	t := c.feats[i].at
	if len(c.members[root]) == 0 || t.Before(c.minT[root]) {
		c.minT[root] = t
	}
	if len(c.members[root]) == 0 || t.After(c.maxT[root]) {
		c.maxT[root] = t
	}
	c.members[root] = append(c.members[root], i)
}

func (c *clusterer) indexItem(i int32) {
	for _, k := range c.feats[i].keys {
		c.index[k] = append(c.index[k], i)
	}
	for _, k := range c.feats[i].nearKeys() {
		c.index[k] = append(c.index[k], i)
	}
}

// union merges group b into group a (a stays the root).
func (c *clusterer) union(a, b int32) {
	for _, i := range c.members[b] {
		c.addMember(a, i)
	}
	c.members[b] = nil
	c.parent[b] = a
}

// place puts new item x into the groups it joins, merging them.
func (c *clusterer) place(x int32) {
	if c.items[x].Opinion {
		// Opinion stands alone: it joins no story and, indexed under no
		// key, no item joins it, so it never bridges two reports.
		c.addMember(x, x)
		return
	}
	f := &c.feats[x]
	// Blocking: the items sharing keys with x vote, a name, entity or
	// figure twice, a shingle once; the best voted are tested.
	touched := c.touched[:0]
	vote := func(k uint64, limit int, weight int32) {
		p := c.index[k]
		if len(p) > limit {
			p = p[len(p)-limit:]
		}
		for _, y := range p {
			if d := f.ns - c.feats[y].ns; d > int64(c.w) || -d > int64(c.w) {
				continue
			}
			if c.votes[y] == 0 {
				touched = append(touched, y)
			}
			c.votes[y] += weight
		}
	}
	for _, k := range f.keys {
		vote(k, maxPosting, 2)
	}
	for _, k := range f.nearKeys() {
		// A shingle shared widely is a common phrase's; a near-copy
		// shares rarer ones too.
		vote(k, maxNearPosting, 1)
	}
	// The maxCands best voted (ties: the closer in time, then by the items
	// themselves, never by the order they came in), by selection: a common
	// key touches many.
	cands := c.cands[:0]
	for _, y := range touched {
		pos := len(cands)
		for pos > 0 && c.better(x, y, cands[pos-1]) {
			pos--
		}
		if pos >= maxCands {
			continue
		}
		if len(cands) < maxCands {
			cands = append(cands, 0)
		}
		copy(cands[pos+1:], cands[pos:len(cands)-1])
		cands[pos] = y
	}
	for _, y := range touched {
		c.votes[y] = 0
	}
	c.touched, c.cands = touched, cands
	clear(c.linked)
	for _, y := range cands {
		g := c.find(y)
		if _, done := c.linked[g]; done {
			continue
		}
		if s, ok := joinScore(f, &c.feats[y]); ok {
			c.linked[g] = s
		}
	}
	// The stories x joins: the strongest link first, each only if x and all the
	// stories taken so far keep one identity and fit the window.
	groups := c.groups[:0]
	for g := range c.linked {
		groups = append(groups, g)
	}
	sort.Slice(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if c.linked[a] != c.linked[b] {
			return c.linked[a] > c.linked[b]
		}
		return c.members[a][0] < c.members[b][0]
	})
	root := x
	c.addMember(x, x)
	for _, g := range groups {
		if !c.fits(root, g) {
			continue
		}
		// The older group (the lower first item) stays the root, so that
		// an open story is never absorbed into a new one's bookkeeping.
		if c.members[g][0] < c.members[root][0] {
			c.union(g, root)
			root = g
		} else {
			c.union(root, g)
		}
	}
	c.groups = groups
	c.indexItem(x)
}

// better orders the candidates of x: more votes first, then the closer
// in time, then the items' own order.
func (c *clusterer) better(x, a, b int32) bool {
	if c.votes[a] != c.votes[b] {
		return c.votes[a] > c.votes[b]
	}
	t := c.feats[x].ns
	if da, db := absNs(t-c.feats[a].ns), absNs(t-c.feats[b].ns); da != db {
		return da < db
	}
	return itemLess(c.items[a], c.items[b])
}

// fits reports whether groups a and b may be one story: together they span
// no more than the window and hold no two items of conflicting identity.
func (c *clusterer) fits(a, b int32) bool {
	lo, hi := c.minT[a], c.maxT[a]
	if c.minT[b].Before(lo) {
		lo = c.minT[b]
	}
	if c.maxT[b].After(hi) {
		hi = c.maxT[b]
	}
	if hi.Sub(lo) > c.w {
		return false
	}
	for _, i := range sample(c.members[a]) {
		for _, j := range sample(c.members[b]) {
			if c.feats[i].id.conflicts(&c.feats[j].id) {
				return false
			}
		}
	}
	return true
}

// sample bounds the items of a big group checked for conflicts: the
// first joined and the latest.
func sample(m []int32) []int32 {
	if len(m) <= maxCheck {
		return m
	}
	out := append([]int32(nil), m[:maxCheck/2]...)
	return append(out, m[len(m)-maxCheck/2:]...)
}

// result turns the groups into stories.
func (c *clusterer) result(open []*briefbot.Story, items []briefbot.Item) Result {
	var res Result
	// Open stories grouped by root; the survivor of each root is its
	// oldest (smallest ID; the first in open on a tie).
	openItems := make([][]briefbot.Item, len(open))
	for si, s := range open {
		openItems[si] = s.Items
	}
	survivor := map[int32]int{} // root → open story index
	for si := range open {
		if len(open[si].Items) == 0 {
			continue
		}
		r := c.find(c.firstItemOf(si))
		if cur, ok := survivor[r]; !ok || open[si].ID < open[cur].ID {
			survivor[r] = si
		}
	}
	changed := make([]bool, len(open))
	absorbed := make([]bool, len(open))
	for si := range open {
		if len(open[si].Items) == 0 {
			continue
		}
		r := c.find(c.firstItemOf(si))
		if sv := survivor[r]; sv != si {
			absorbed[si] = true
			changed[sv] = true
		}
	}
	// Absorbed stories' items move to their survivor, in open order.
	for si := range open {
		if !absorbed[si] {
			continue
		}
		r := c.find(c.firstItemOf(si))
		sv := open[survivor[r]]
		res.Merges = append(res.Merges, Merge{Into: sv.ID, From: open[si].ID})
		for _, it := range openItems[si] {
			joinItem(sv, it)
		}
	}
	var created []*briefbot.Story
	newOf := map[int32]*briefbot.Story{}
	for k, it := range items {
		x := int32(c.nOpen + k)
		r := c.find(x)
		if si, ok := survivor[r]; ok {
			joinItem(open[si], it)
			changed[si] = true
			continue
		}
		s := newOf[r]
		if s == nil {
			s = &briefbot.Story{}
			newOf[r] = s
			created = append(created, s)
		}
		joinItem(s, it)
	}
	for si, s := range open {
		if changed[si] {
			s.Language = mainLanguage(s.Items)
			res.Stories = append(res.Stories, s)
		}
	}
	for _, s := range created {
		s.Language = mainLanguage(s.Items)
		res.Stories = append(res.Stories, s)
	}
	return res
}

// firstItemOf is the index of open story si's first item.
func (c *clusterer) firstItemOf(si int) int32 { return c.openFirst[si] }

// mainLanguage is the language of most of items, ties to the earliest.
func mainLanguage(items []briefbot.Item) string {
	count := map[string]int{}
	first := map[string]briefbot.Item{}
	best := ""
	for _, it := range items {
		l := normLang(it.Language, it.Title+"\n"+it.Text)
		count[l]++
		if f, ok := first[l]; !ok || itemLess(it, f) {
			first[l] = it
		}
	}
	for l, n := range count {
		switch {
		case best == "" || n > count[best]:
			best = l
		case n == count[best] && itemLess(first[l], first[best]):
			best = l
		}
	}
	return best
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
		if !slices.Contains(s.Topics, t) {
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

// absNs is the absolute value of a difference of Unix nanoseconds.
func absNs(d int64) int64 {
	if d < 0 {
		return -d
	}
	return d
}

// nanosBound keeps clampedNanos's results apart by less than an int64 can
// hold, so their differences never overflow (years 1823 to 2116; a story's
// span is still checked on the times themselves, in fits).
const nanosBound = 1 << 62

// clampedNanos is t in Unix nanoseconds within ±nanosBound: a broken
// feed's year 1 or 9999 must not wrap around.
func clampedNanos(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, -nanosBound)):
		return -nanosBound
	case t.After(time.Unix(0, nanosBound)):
		return nanosBound
	}
	return t.UnixNano()
}
