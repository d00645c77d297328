package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
)

// detectSummary is what `spelunk detect` did, printed after the results
// (text, or the final JSON line {"summary": ...}).
type detectSummary struct {
	Detections struct {
		Selected    int `json:"selected"`
		Run         int `json:"run"`
		Fired       int `json:"fired"`
		Refused     int `json:"refused"`
		Unsupported int `json:"unsupported"`
		Broken      int `json:"broken"`
		Failed      int `json:"failed"`
	} `json:"detections"`
	Results    int                      `json:"results"`
	Fired      []firedDetection         `json:"fired"`
	ByType     map[string]*summaryCount `json:"by_type"`
	BySeverity map[string]*summaryCount `json:"by_severity"`
	TopHosts   []hostCount              `json:"top_hosts"`
	Input      inputSummary             `json:"input"`
	Clock      string                   `json:"clock"`
	ClockFrom  string                   `json:"clock_from"` // "data" or "flag"
	Seconds    float64                  `json:"seconds"`

	hosts map[string]int
}

// firedDetection is a detection that returned results.
type firedDetection struct {
	Name      string `json:"detection"`
	ID        string `json:"detection_id"`
	Type      string `json:"type"`
	Severity  string `json:"severity"`
	RiskScore int    `json:"risk_score"`
	Rows      int    `json:"rows"`
}

// summaryCount counts detections run and fired, and their rows.
type summaryCount struct {
	Run   int `json:"run"`
	Fired int `json:"fired"`
	Rows  int `json:"rows"`
}

// hostCount is a host and the result rows that name it.
type hostCount struct {
	Host string `json:"host"`
	Rows int    `json:"rows"`
}

// inputSummary is what was read.
type inputSummary struct {
	Files       int            `json:"files"`
	Events      int            `json:"events"`
	Kept        int            `json:"kept"`
	Skipped     int            `json:"skipped"`
	Unreadable  []string       `json:"unreadable"`
	ByFormat    map[string]int `json:"events_by_format"`
	ByDataModel map[string]int `json:"rows_by_data_model"`
}

func newDetectSummary(sel *selection, rep *ingest.Report) *detectSummary {
	s := &detectSummary{
		Fired: []firedDetection{}, ByType: map[string]*summaryCount{}, BySeverity: map[string]*summaryCount{},
		TopHosts: []hostCount{}, hosts: map[string]int{},
	}
	s.Detections.Selected = sel.selected
	s.Detections.Refused, s.Detections.Unsupported, s.Detections.Broken = sel.refused, sel.unsupported, sel.broken
	s.Input.ByFormat, s.Input.ByDataModel = map[string]int{}, map[string]int{}
	s.Input.Unreadable = []string{}
	if rep != nil {
		for _, u := range rep.Unreadable {
			s.Input.Unreadable = append(s.Input.Unreadable, u.String())
		}
		for _, f := range rep.Files {
			s.Input.Files++
			s.Input.Events += f.Events
			s.Input.Kept += f.Kept
			s.Input.Skipped += f.Skipped
			if f.Events > 0 {
				s.Input.ByFormat[f.Format] += f.Events
			}
			for ds, n := range f.Rows {
				s.Input.ByDataModel[ds] += n
			}
		}
	}
	return s
}

// severity is the band of a risk score [I: Splunk ES's risk-score bands,
// 0-20 informational ... 81-100 critical].
func severity(score int) string {
	switch {
	case score > 80:
		return "critical"
	case score > 60:
		return "high"
	case score > 40:
		return "medium"
	case score > 20:
		return "low"
	}
	return "informational"
}

// count returns the counter of key in m, made on first use.
func count(m map[string]*summaryCount, key string) *summaryCount {
	if key == "" {
		key = "unknown"
	}
	c := m[key]
	if c == nil {
		c = &summaryCount{}
		m[key] = c
	}
	return c
}

// ran records a detection that ran.
func (s *detectSummary) ran(d *detections.Detection, res *eval.Result) {
	s.Detections.Run++
	sev := severity(d.RiskScore)
	byType, bySev := count(s.ByType, d.Type), count(s.BySeverity, sev)
	byType.Run++
	bySev.Run++
	n := len(res.Rows)
	if n == 0 {
		return
	}
	s.Detections.Fired++
	s.Results += n
	byType.Fired++
	bySev.Fired++
	byType.Rows += n
	bySev.Rows += n
	s.Fired = append(s.Fired, firedDetection{Name: d.Name, ID: d.ID, Type: d.Type, Severity: sev, RiskScore: d.RiskScore, Rows: n})
	for _, row := range res.Rows {
		if h := rowValue(res.Fields, row, hostFields); h != "" {
			s.hosts[h]++
		}
	}
}

// failed records a detection that failed at run time.
func (s *detectSummary) failed(*detections.Detection, error) { s.Detections.Failed++ }

// finish sorts what is listed and sets the clock and the time taken.
func (s *detectSummary) finish(clock time.Time, fromData bool, took time.Duration) {
	slices.SortStableFunc(s.Fired, func(a, b firedDetection) int { return cmp.Compare(b.Rows, a.Rows) })
	for h, n := range s.hosts {
		s.TopHosts = append(s.TopHosts, hostCount{h, n})
	}
	slices.SortFunc(s.TopHosts, func(a, b hostCount) int {
		return cmp.Or(cmp.Compare(b.Rows, a.Rows), strings.Compare(a.Host, b.Host))
	})
	s.TopHosts = s.TopHosts[:min(10, len(s.TopHosts))]
	s.Clock = clock.Format(time.RFC3339Nano)
	s.ClockFrom = "flag"
	if fromData {
		s.ClockFrom = "data"
	}
	s.Seconds = float64(took.Milliseconds()) / 1000
}

// text renders the summary for a terminal.
func (s *detectSummary) text() string {
	var b strings.Builder
	d := s.Detections
	b.WriteString("== summary\n")
	fmt.Fprintf(&b, "detections: %d selected, %d run, %d fired (%d %s), %d refused, %d unsupported, %d broken, %d failed\n",
		d.Selected, d.Run, d.Fired, s.Results, plural(s.Results, "result", "results"), d.Refused, d.Unsupported, d.Broken, d.Failed)
	for _, f := range s.Fired {
		fmt.Fprintf(&b, "  %5d  %s (%s, %s, risk %d)\n", f.Rows, f.Name, f.Type, f.Severity, f.RiskScore)
	}
	writeCounts(&b, "by type", s.ByType)
	writeCounts(&b, "by severity", s.BySeverity)
	if len(s.TopHosts) > 0 {
		parts := make([]string, len(s.TopHosts))
		for i, h := range s.TopHosts {
			parts[i] = fmt.Sprintf("%s %d", h.Host, h.Rows)
		}
		fmt.Fprintf(&b, "hosts with most results: %s\n", strings.Join(parts, ", "))
	}
	in := s.Input
	fmt.Fprintf(&b, "input: %d %s, %d events (%d kept), %d skipped", in.Files, plural(in.Files, "file", "files"), in.Events, in.Kept, in.Skipped)
	b.WriteString(countList("; by format", in.ByFormat))
	b.WriteString(countList("; data-model rows", in.ByDataModel))
	b.WriteByte('\n')
	for _, u := range in.Unreadable {
		fmt.Fprintf(&b, "unreadable: %s\n", u)
	}
	fmt.Fprintf(&b, "clock: %s (from %s); took %.2fs\n", s.Clock, s.ClockFrom, s.Seconds)
	return b.String()
}

// writeCounts writes one line of run/fired counts per key, in key order.
func writeCounts(b *strings.Builder, label string, m map[string]*summaryCount) {
	if len(m) == 0 {
		return
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		c := m[k]
		parts = append(parts, fmt.Sprintf("%s %d/%d fired (%d rows)", k, c.Fired, c.Run, c.Rows))
	}
	fmt.Fprintf(b, "%s: %s\n", label, strings.Join(parts, ", "))
}

// countList renders m as "label: k n, k n" in key order; "" when empty.
func countList(label string, m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return label + ": " + strings.Join(parts, ", ")
}
