package query

import (
	"slices"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/internal/glob"
)

// indexPrefer are the fields a read's filter is indexed by, best first:
// those that split Windows and Sysmon events into the most groups.
var indexPrefer = []string{"EventCode", "EventID", "sourcetype", "source", "Channel", "eventtype"}

// readIndex finds, for an event, the reads whose filters may keep it:
// each filter with a top-level term field=value (eval.EventFilter.
// IndexTerm) is listed under that value of that field, and needs to be
// evaluated only for events whose field holds it; the others always are.
// A detection whose data source is absent from the logs then costs one
// lookup per event.
type readIndex struct {
	fields  []string
	byValue []map[string][]int // per field: lower-cased value → reads
	always  []int
}

func newReadIndex(filters []*eval.EventFilter) *readIndex {
	x := &readIndex{}
	pos := map[string]int{}
	for i, f := range filters {
		field, values, ok := f.IndexTerm(indexPrefer...)
		if !ok {
			x.always = append(x.always, i)
			continue
		}
		p, seen := pos[field]
		if !seen {
			p = len(x.fields)
			pos[field] = p
			x.fields = append(x.fields, field)
			x.byValue = append(x.byValue, map[string][]int{})
		}
		for _, v := range values {
			x.byValue[p][v] = append(x.byValue[p][v], i)
		}
	}
	return x
}

// candidates appends to dst the reads whose filters may keep the event v
// (each once) and returns the extended slice.
func (x *readIndex) candidates(dst []int, v eval.EventView) []int {
	start := len(dst)
	dst = append(dst, x.always...)
	multi := false
	for p, field := range x.fields {
		val := v.Field(field)
		if val.IsNull() {
			continue
		}
		strs := val.Strings()
		multi = multi || len(strs) > 1
		for _, s := range strs {
			dst = append(dst, x.byValue[p][glob.Lower(s)]...)
		}
	}
	if multi { // values of a multivalue field may list the same read
		slices.Sort(dst[start:])
		dst = slices.Compact(dst)
	}
	return dst
}
