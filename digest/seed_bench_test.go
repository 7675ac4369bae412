package digest

import "testing"

// BenchmarkRenderSeed renders the seed read as one post, story by story.
func BenchmarkRenderSeed(b *testing.B) {
	stories := Cluster(nil, itemsOf(seedAggregated(b)), ClusterOptions{}).Stories
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range stories {
			Render(s, renderOpt)
		}
	}
}
