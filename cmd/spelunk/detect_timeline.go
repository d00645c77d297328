package main

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/eval"
)

// timeline collects every result row of every detection for --timeline:
// one chronological list, as Hayabusa's timeline is.
type timeline struct {
	loc     *time.Location
	entries []timelineEntry
}

// timelineEntry is one result row on the timeline.
type timelineEntry struct {
	Time        string          `json:"time"`
	Detection   string          `json:"detection"`
	DetectionID string          `json:"detection_id"`
	Type        string          `json:"type"`
	Host        string          `json:"host"`
	User        string          `json:"user"`
	RiskScore   int             `json:"risk_score"`
	Message     string          `json:"risk_message"`
	Result      json.RawMessage `json:"result"`

	at    time.Time
	order int
}

func newTimeline(loc *time.Location) *timeline { return &timeline{loc: loc} }

// add puts a detection's rows on the timeline.
func (t *timeline) add(d *detections.Detection, res *eval.Result) {
	for _, row := range res.Rows {
		obj, err := rowJSON(res.Fields, row)
		if err != nil {
			obj = []byte("{}")
		}
		e := timelineEntry{
			Detection: d.Name, DetectionID: d.ID, Type: d.Type,
			Host: rowValue(res.Fields, row, hostFields), User: rowValue(res.Fields, row, userFields),
			RiskScore: d.RiskScore, Message: detections.RenderMessage(d.Message, lookupField(res.Fields, row)),
			Result: obj, order: len(t.entries),
		}
		if at, ok := rowTime(res.Fields, row, t.loc); ok {
			e.at, e.Time = at, at.Format(time.RFC3339Nano)
		}
		t.entries = append(t.entries, e)
	}
}

// sorted returns the entries in time order (rows without a time last),
// stable.
func (t *timeline) sorted() []timelineEntry {
	out := slices.Clone(t.entries)
	slices.SortStableFunc(out, func(a, b timelineEntry) int {
		switch {
		case a.at.IsZero() != b.at.IsZero():
			if a.at.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.order, b.order))
	})
	return out
}

// writeFile writes the timeline to path: CSV when it ends in .csv, else
// JSON Lines.
func (t *timeline) writeFile(path string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	entries := t.sorted()
	if strings.HasSuffix(strings.ToLower(path), ".csv") {
		w := csv.NewWriter(f)
		if err := w.Write([]string{"time", "detection", "detection_id", "type", "host", "user", "risk_score", "risk_message", "result"}); err != nil {
			return err
		}
		for _, e := range entries {
			if err := w.Write([]string{e.Time, e.Detection, e.DetectionID, e.Type, e.Host, e.User, strconv.Itoa(e.RiskScore), e.Message, string(e.Result)}); err != nil {
				return err
			}
		}
		w.Flush()
		return w.Error()
	}
	for _, e := range entries {
		b, err := marshalJSON(e)
		if err != nil {
			return err
		}
		if _, err := f.Write(append(b, '\n')); err != nil {
			return err
		}
	}
	return nil
}
