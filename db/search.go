package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"briefbot"
)

// Search tuning. Only the newest searchCandidates matches are ranked (Total
// counts those): reading them newest-first by rowid stops early however
// common the words are.
//
// FTS5's bm25() is not used: its first call counts every row matching each
// phrase (xQueryPhrase over the whole doclist), which made a common word cost
// 20–230 ms at 100k stories in cmd/searchbench. All candidates contain every
// word, so relevance here is where the words are (headline or body) and how
// recent the story is.
const (
	searchCandidates   = 300
	searchDefaultLimit = 10
	searchMaxLimit     = 50
	snippetRunes       = 120
	// Recency: a story this many days old counts half as much.
	recencyHalfDays = 7.0
	// Weight of a headline holding every query word.
	headlineBoost = 2.0
)

// Mixed queries (one-character words with longer ones) read story_fts in
// chunks and keep the rows story_chars also has, up to mixedMaxScan rows.
// Variables so that tests can cross chunk boundaries with a small corpus.
var (
	mixedChunk   = 1000
	mixedMaxScan = 20000
)

// A small candidate set (at most sparseMax) spread over more than
// sparseSpan rowids per candidate has its headlines matched in Go: an FTS5
// headline query over that rowid range would walk the doclists of rare
// words a second time. Reading and tokenising a headline costs tens of
// microseconds, so large sets keep the FTS5 query.
const (
	sparseSpan = 20
	sparseMax  = 200
)

type candidate struct {
	storyID int64
	briefID int64
	score   float64
	hit     briefbot.SearchHit
}

// Search finds briefed stories matching every word of q.Text. The newest
// searchCandidates matches are ranked by where the words are and by recency,
// then paged. Malformed input gives an empty result, never an error; while
// the index is rebuilt after an upgrade the answer is ErrRebuilding.
func (db *DB) Search(ctx context.Context, q briefbot.SearchQuery) (*briefbot.SearchResult, error) {
	if db.rebuilding.Load() {
		return nil, ErrRebuilding
	}
	res := &briefbot.SearchResult{}
	expr, words := parseQuery(q.Text)
	if expr == "" {
		return res, nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = searchDefaultLimit
	}
	limit = min(limit, searchMaxLimit)
	offset := max(q.Offset, 0)

	ids, err := db.candidates(ctx, words)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", expr, err)
	}
	if len(ids) == 0 {
		return res, nil
	}
	cands, err := db.rankCandidates(ctx, ids, words, offset+limit)
	if err != nil {
		return nil, err
	}
	res.Total = len(cands)
	if offset >= len(cands) {
		return res, nil
	}
	for _, c := range cands[offset:min(offset+limit, len(cands))] {
		if err := db.fillHit(ctx, c, words); err != nil {
			return nil, err
		}
		res.Hits = append(res.Hits, c.hit)
	}
	return res, nil
}

// candidates returns the ids of the newest stories matching every word,
// newest first, at most searchCandidates.
func (db *DB) candidates(ctx context.Context, words []queryWord) ([]int64, error) {
	fts, chars := matchExprs(words)
	switch {
	case chars == "":
		ids, err := db.rowids(ctx, `SELECT rowid FROM story_fts WHERE story_fts MATCH ?
			ORDER BY rowid LIMIT ?`, fts, searchCandidates)
		return storyIDs(ids), err
	case fts == "":
		ids, err := db.rowids(ctx, `SELECT rowid FROM story_chars WHERE story_chars MATCH ?
			ORDER BY rowid LIMIT ?`, chars, searchCandidates)
		return storyIDs(ids), err
	}
	// Both: walk story_fts newest first in chunks and keep the rows whose
	// characters story_chars confirms over the chunk's rowid range.
	var out []int64
	after := int64(-1 << 63)
	for scanned := 0; scanned < mixedMaxScan && len(out) < searchCandidates; {
		chunk, err := db.rowids(ctx, `SELECT rowid FROM story_fts WHERE story_fts MATCH ? AND rowid > ?
			ORDER BY rowid LIMIT ?`, fts, after, mixedChunk)
		if err != nil || len(chunk) == 0 {
			return out, err
		}
		scanned += len(chunk)
		lo, hi := chunk[0], chunk[len(chunk)-1]
		have, err := db.rowids(ctx, `SELECT rowid FROM story_chars WHERE story_chars MATCH ?
			AND rowid BETWEEN ? AND ?`, chars, lo, hi)
		if err != nil {
			return nil, err
		}
		ok := make(map[int64]bool, len(have))
		for _, id := range have {
			ok[id] = true
		}
		for _, id := range chunk {
			if ok[id] && len(out) < searchCandidates {
				out = append(out, -id)
			}
		}
		if len(chunk) < mixedChunk {
			break
		}
		after = hi
	}
	return out, nil
}

func (db *DB) rowids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// rankCandidates orders the candidates by score: a headline holding every
// word boosts, age decays (half per recencyHalfDays). It reads narrow rows
// (stories) and the index itself (a headline-column query over the
// candidates' rowid range), or the headlines of a few sparse candidates
// (see boostHeadlines); whole briefs are loaded for the page alone.
//
// Only the first need places are exact: a candidate so old that even a
// boosted score stays below the need-th best unboosted one can never reach
// them, so its headline is not checked and it keeps its recency score. This
// bounds the headline check to about log2(1+headlineBoost)·recencyHalfDays
// of stories below the page instead of the whole candidate range.
func (db *DB) rankCandidates(ctx context.Context, ids []int64, words []queryWord, need int) ([]*candidate, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT id, coalesce(brief_id, 0), first_published
		FROM stories WHERE id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	now := db.now()
	var cands []*candidate
	byID := make(map[int64]*candidate, len(ids))
	for rows.Next() {
		var pub int64
		c := &candidate{}
		if err := rows.Scan(&c.storyID, &c.briefID, &pub); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if c.briefID == 0 {
			continue // unbriefed since indexing: nothing to show
		}
		ageDays := math.Max(0, now.Sub(fromTS(pub)).Hours()/24)
		c.score = math.Pow(0.5, ageDays/recencyHalfDays)
		cands = append(cands, c)
		byID[c.storyID] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	sortCandidates(cands)
	if err := db.boostHeadlines(ctx, reachable(cands, need), words); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	sortCandidates(cands)
	return cands, nil
}

func sortCandidates(cands []*candidate) {
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		return cands[i].storyID > cands[j].storyID
	})
}

// reachable returns the candidates (sorted by unboosted score) that a
// headline boost could lift into the first need places.
func reachable(cands []*candidate, need int) []*candidate {
	if need <= 0 || need >= len(cands) {
		return cands
	}
	floor := cands[need-1].score / (1 + headlineBoost)
	n := need
	for n < len(cands) && cands[n].score >= floor {
		n++
	}
	return cands[:n]
}

// boostHeadlines multiplies the score of the candidates whose headline holds
// every word; one-character words are left out of this check. Many or
// close candidates are checked by an FTS5 headline query over their rowid
// range; a few sparse ones (rare words, read from the whole index) by
// matching their headlines' index tokens in Go.
func (db *DB) boostHeadlines(ctx context.Context, cands []*candidate, words []queryWord) error {
	fts, _ := matchExprs(words)
	if fts == "" || len(cands) == 0 {
		return nil
	}
	lo, hi := cands[0].storyID, cands[0].storyID
	byID := make(map[int64]*candidate, len(cands))
	for _, c := range cands {
		lo, hi = min(lo, c.storyID), max(hi, c.storyID)
		byID[c.storyID] = c
	}
	if len(cands) > sparseMax || hi-lo <= int64(sparseSpan*len(cands)) {
		// Backwards on purpose: FTS5 tests a row against the column filter
		// before it looks at the range's end, so a forward walk with no
		// headline match left in the range runs on through every older
		// match (37 ms for 朝日新聞 at 1M stories). Backwards, the walk past
		// the range meets only stories newer than every candidate.
		in, err := db.rowids(ctx, `SELECT rowid FROM story_fts WHERE story_fts MATCH ?
			AND rowid BETWEEN ? AND ? ORDER BY rowid DESC`, "{headline} : ("+fts+")", ftsRowid(hi), ftsRowid(lo))
		if err != nil {
			return err
		}
		for _, id := range storyIDs(in) {
			if c := byID[id]; c != nil {
				c.score *= 1 + headlineBoost
			}
		}
		return nil
	}
	args := make([]any, len(cands))
	byBrief := make(map[int64]*candidate, len(cands))
	for i, c := range cands {
		args[i] = c.briefID
		byBrief[c.briefID] = c
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT id, headline FROM briefs WHERE id IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var headline string
		if err := rows.Scan(&id, &headline); err != nil {
			return err
		}
		if c := byBrief[id]; c != nil && headlineHas(headline, words) {
			c.score *= 1 + headlineBoost
		}
	}
	return rows.Err()
}

// headlineHas reports whether headline matches every word of more than one
// character the way the FTS5 headline column would: each word's tokens
// appear consecutively among the headline's index tokens, the last one as a
// prefix for prefix words.
func headlineHas(headline string, words []queryWord) bool {
	toks := strings.Fields(indexText(headline))
	n := 0
	for _, w := range words {
		if w.char != "" {
			continue
		}
		n++
		if !hasPhrase(toks, w.toks, w.prefix) {
			return false
		}
	}
	return n > 0
}

func hasPhrase(toks, phrase []string, prefix bool) bool {
	if len(phrase) == 0 {
		return false
	}
	last := len(phrase) - 1
	for i := 0; i+len(phrase) <= len(toks); i++ {
		ok := true
		for j, p := range phrase {
			if t := toks[i+j]; t != p && !(prefix && j == last && strings.HasPrefix(t, p)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// fillHit loads the brief of a hit on the page and sets the snippet (and
// the URL when the brief had no sources) from the story's items.
func (db *DB) fillHit(ctx context.Context, c *candidate, words []queryWord) error {
	var pub int64
	var sources string
	err := db.sql.QueryRowContext(ctx, `SELECT headline, published, sources FROM briefs WHERE id = ?`, c.briefID).
		Scan(&c.hit.Headline, &pub, &sources)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("search brief: %w", err)
	}
	c.hit.StoryID, c.hit.BriefID, c.hit.Published = c.storyID, c.briefID, fromTS(pub)
	var srcs []briefbot.Source
	if json.Unmarshal([]byte(sources), &srcs) == nil && len(srcs) > 0 {
		c.hit.URL = srcs[0].URL
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT title, text, url FROM items WHERE story_id = ? ORDER BY id`, c.storyID)
	if err != nil {
		return fmt.Errorf("search snippet: %w", err)
	}
	defer rows.Close()
	var texts []string
	for rows.Next() {
		var title, text, url string
		if err := rows.Scan(&title, &text, &url); err != nil {
			return fmt.Errorf("search snippet: %w", err)
		}
		if c.hit.URL == "" {
			c.hit.URL = url
		}
		texts = append(texts, text, title)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	texts = append(texts, c.hit.Headline)
	best := -1
	for _, t := range texts {
		s, spans, q := snippet(t, words)
		if q > best {
			c.hit.Snippet, c.hit.Matches, best = s, spans, q
		}
		if q == matchWhole {
			break
		}
	}
	return nil
}

// Snippet match qualities, best last.
const (
	matchNone  = iota // nothing matched: the snippet is the start of the text
	matchParts        // only parts of a word (its script runs) matched
	matchWhole        // some query word matched as written
)

// snippet cuts about snippetRunes runes of text around the first match of any
// query word, with "…" where it cut, returns the parts that matched and
// says how well they did.
func snippet(text string, words []queryWord) (string, []briefbot.Span, int) {
	orig := []rune(strings.Join(strings.Fields(text), " "))
	// Normalise rune by rune so that every normalised rune maps back to the
	// original one it came from.
	var nr []rune
	var back []int
	for i, r := range orig {
		if n, ok := foldRune(r); ok {
			nr = append(nr, n)
			back = append(back, i)
			continue
		}
		for _, n := range normalize(string(r)) {
			nr = append(nr, n)
			back = append(back, i)
		}
	}
	var spans [][2]int // original rune ranges
	quality := matchNone
	for _, w := range words {
		found := findAll(nr, []rune(w.norm), !w.segs[0].cjk, !w.segs[len(w.segs)-1].cjk && !w.prefix)
		if len(found) > 0 {
			quality = matchWhole
		} else {
			for i, seg := range w.segs {
				last := i == len(w.segs)-1
				found = append(found, findAll(nr, []rune(seg.text), !seg.cjk, !seg.cjk && !(last && w.prefix))...)
			}
			if len(found) > 0 && quality == matchNone {
				quality = matchParts
			}
		}
		for _, f := range found {
			spans = append(spans, [2]int{back[f[0]], back[f[1]-1] + 1})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var merged [][2]int
	for _, s := range spans {
		if n := len(merged); n > 0 && s[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], s[1])
			continue
		}
		merged = append(merged, s)
	}
	start := 0
	if len(merged) > 0 {
		start = max(0, merged[0][0]-snippetRunes/3)
	}
	end := min(len(orig), start+snippetRunes)
	if end == len(orig) {
		start = max(0, end-snippetRunes)
	}
	var b strings.Builder
	var matches []briefbot.Span
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, s := range merged {
		if s[1] <= start || s[0] >= end {
			continue
		}
		s0, s1 := max(s[0], start), min(s[1], end)
		b.WriteString(string(orig[pos:s0]))
		m := briefbot.Span{Start: b.Len()}
		b.WriteString(string(orig[s0:s1]))
		m.End = b.Len()
		matches = append(matches, m)
		pos = s1
	}
	b.WriteString(string(orig[pos:end]))
	if end < len(orig) {
		b.WriteString("…")
	}
	return b.String(), matches, quality
}

// findAll returns the [start, end) positions of needle in hay; a word of a
// spaced script must start (and, when whole, end) at a word boundary.
func findAll(hay, needle []rune, boundaryStart, boundaryEnd bool) [][2]int {
	var out [][2]int
	if len(needle) == 0 {
		return nil
	}
	for i := 0; i+len(needle) <= len(hay); i++ {
		if hay[i] != needle[0] || !equalRunes(hay[i:i+len(needle)], needle) {
			continue
		}
		if boundaryStart && i > 0 && isWordRune(hay[i-1]) && !isCJK(hay[i-1]) {
			continue
		}
		end := i + len(needle)
		if boundaryEnd && end < len(hay) && isWordRune(hay[end]) && !isCJK(hay[end]) {
			continue
		}
		if !boundaryEnd && !isCJK(needle[len(needle)-1]) {
			// A prefix match highlights the whole word.
			for end < len(hay) && isWordRune(hay[end]) && !isCJK(hay[end]) && !unicode.IsSpace(hay[end]) {
				end++
			}
		}
		out = append(out, [2]int{i, end})
		i = end - 1
	}
	return out
}

func equalRunes(a, b []rune) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
