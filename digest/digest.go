// Package digest turns posts into briefs: Split cuts aggregator posts into
// their quoted sources, Cluster groups items about one event into stories,
// Select ranks sentences and Render writes the house-style brief (【headline】,
// 🔸 key facts, 🗨️ a quote, ℹ️ background, 📰 linked sources, #tag(yymmdd)).
// It is pure: no I/O, no clock, no mutable state outside
// its arguments, and deterministic for a given input.
package digest
