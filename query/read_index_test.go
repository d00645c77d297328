package query

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
)

func TestReadIndex(t *testing.T) {
	env := newEnv(t, Config{})
	var filters []*eval.EventFilter
	for _, q := range []string{
		`search EventCode=4688 user=*`,                                    // 0: EventCode 4688
		`search source=XmlWinEventLog:Security EventCode IN (4624, 4625)`, // 1: EventCode 4624, 4625
		`search process=*cmd*`,                                            // 2: always
		`search sourcetype=XmlWinEventLog x=1`,                            // 3: sourcetype
		`search EventCode=46* OR EventCode=1`,                             // 4: always (no top-level exact term)
	} {
		filters = append(filters, compileText(t, env, q).Needs().Filter)
	}
	x := newReadIndex(filters)
	assert.Equal(t, []string{"EventCode", "sourcetype"}, x.fields)
	assert.Equal(t, []int{2, 4}, x.always)
	ev := func(fields ...string) eval.EventView {
		e := ingest.NewEvent("x")
		for i := 0; i+1 < len(fields); i += 2 {
			e.Add(fields[i], fields[i+1])
		}
		return eventView{e}
	}
	assert.Equal(t, []int{2, 4, 0}, x.candidates(nil, ev("EventCode", "4688")))
	assert.Equal(t, []int{2, 4, 1, 3}, x.candidates(nil, ev("EventCode", "4625", "sourcetype", "xmlwineventlog")))
	assert.Equal(t, []int{2, 4}, x.candidates(nil, ev("EventCode", "1")))
	assert.Equal(t, []int{0, 1, 2, 4}, x.candidates(nil, ev("EventCode", "4688", "EventCode", "4624", "EventCode", "4688")),
		"a multivalue field lists each read once")
}
