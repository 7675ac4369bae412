package main

import (
	"slices"
	"strings"
)

// checkEventFlags: a fixture brief of one event gets that event's flags:
// the required ones, and no flag outside required ∪ optional.
func checkEventFlags(res *result, bi int, j *judged, in *input) {
	events := map[string]bool{}
	for _, u := range j.units {
		if u.exp != nil && u.exp.Event != "" {
			events[u.exp.Event] = true
		}
	}
	if len(events) != 1 {
		return
	}
	for e := range events {
		ev := in.events[e]
		if why := wrongFlags(j.rd.flags, ev.Flags, ev.FlagsOptional); why != "" {
			res.add(colFlags, bi, strings.Join(j.rd.flags, "")+" "+clip(j.rd.headline, 30), why+" ("+e+")")
		}
	}
}

// wrongFlags checks want ⊆ got ⊆ want ∪ optional.
func wrongFlags(got, want, optional []string) string {
	var missing, extra []string
	for _, w := range want {
		if !slices.Contains(got, w) {
			missing = append(missing, w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) && !slices.Contains(optional, g) {
			extra = append(extra, g)
		}
	}
	var why []string
	if len(missing) > 0 {
		why = append(why, "missing "+strings.Join(missing, ""))
	}
	if len(extra) > 0 {
		why = append(why, "extra "+strings.Join(extra, ""))
	}
	return strings.Join(why, ", ")
}

func checkFlagRow(res *result, bi int, j *judged, row flagRow) {
	if why := wrongFlags(j.rd.flags, row.want, row.optional); why != "" {
		res.add(colFlags, bi, strings.Join(j.rd.flags, "")+" "+row.headline, why)
	}
}
