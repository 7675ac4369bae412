package digest

import "cmp"

// sparseVec is a sparse vector sorted by key: dot products by merging are
// several times faster than map lookups, and ranking and the join test do
// n² of them. Ranking keys terms by a batch's own numbering (int32), the
// join test by a term's hash (uint64), so that two reports compare alone.
type sparseVec[K cmp.Ordered] []sparseEntry[K]

// sparseEntry is one term of a sparseVec and its weight.
type sparseEntry[K cmp.Ordered] struct {
	k K
	w float64
}

func (a sparseVec[K]) dot(b sparseVec[K]) float64 {
	s := 0.0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].k < b[j].k:
			i++
		case a[i].k > b[j].k:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}
