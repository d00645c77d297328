package detections

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/corpus_summary.json from the current sweep")

// corpusDir is security_content as shared beside the repository.
const corpusDir = "../../shared/content"

// corpusSummaryFile records the last accepted sweep of the corpus.
const corpusSummaryFile = "testdata/corpus_summary.json"

// corpusSummary is the checked-in record of a corpus sweep: the counts and
// every detection that fails to load, expand, parse or round-trip (or
// fails to compile with an error), with the first reason. Paths are
// relative to detections/, with forward slashes.
type corpusSummary struct {
	Note     string            `json:"note"`
	Summary  CheckSummary      `json:"summary"`
	Failures map[string]string `json:"failures"`
	// Unsupported counts unsupported-finding subjects (commands and
	// functions spelunk cannot run yet), for the record only.
	Unsupported map[string]int `json:"unsupported"`
}

const corpusNote = "Written by `go test ./detections -run TestCorpusSummary -update`. " +
	"Counts may only go up and failures may only go away."

// sweepCorpus checks the shared corpus and summarises it.
func sweepCorpus(t *testing.T) corpusSummary {
	t.Helper()
	c := openContent(t, corpusDir)
	rep, err := c.Check(context.Background(), CheckOptions{})
	require.NoError(t, err)
	s := corpusSummary{Note: corpusNote, Summary: rep.Summary, Failures: map[string]string{}, Unsupported: map[string]int{}}
	root := filepath.Join(corpusDir, "detections")
	for _, d := range rep.Detections {
		rel, err := filepath.Rel(root, d.File)
		require.NoError(t, err)
		rel = filepath.ToSlash(rel)
		for _, f := range d.Findings {
			if f.Code == CodeUnsupportedCommand || f.Code == CodeUnsupportedFunc || f.Code == CodeUnsupported {
				s.Unsupported[f.Subject]++
			}
		}
		for _, f := range d.Findings {
			if f.Stage != StageCompile || f.Severity == SeverityError {
				s.Failures[rel] = fmt.Sprintf("%s %s: %s", f.Stage, f.Code, f.Message)
				break
			}
		}
	}
	return s
}

// TestCorpusSummary sweeps security_content and compares with the
// checked-in summary: it fails when a count of expanded, parsed,
// round-tripped or runnable detections goes down, or a detection fails that
// is not listed. When things only improved it passes and says so; record
// the improvement with -update so it cannot be lost again.
func TestCorpusSummary(t *testing.T) {
	if _, err := os.Stat(filepath.Join(corpusDir, "detections")); err != nil {
		t.Skipf("security_content not found at %s (it is shared beside the repository): %v", corpusDir, err)
	}
	got := sweepCorpus(t)
	if *update {
		b, err := json.MarshalIndent(got, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(corpusSummaryFile, append(b, '\n'), 0o644))
		t.Logf("wrote %s: %+v", corpusSummaryFile, got.Summary)
		return
	}
	const hint = "run `go test ./detections -run TestCorpusSummary -update` to accept the current sweep"
	b, err := os.ReadFile(corpusSummaryFile)
	require.NoError(t, err, "missing summary; %s", hint)
	var want corpusSummary
	require.NoError(t, json.Unmarshal(b, &want))

	var worse, better []string
	if got.Summary.Total != want.Summary.Total {
		worse = append(worse, fmt.Sprintf("the corpus changed: %d detections, %d recorded", got.Summary.Total, want.Summary.Total))
	}
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"expanded", got.Summary.Expanded, want.Summary.Expanded},
		{"parsed", got.Summary.Parsed, want.Summary.Parsed},
		{"round_tripped", got.Summary.RoundTripped, want.Summary.RoundTripped},
		{"runnable", got.Summary.Runnable, want.Summary.Runnable},
	} {
		switch {
		case c.got < c.want:
			worse = append(worse, fmt.Sprintf("%s went down: %d, was %d", c.name, c.got, c.want))
		case c.got > c.want:
			better = append(better, fmt.Sprintf("%s went up: %d, was %d", c.name, c.got, c.want))
		}
	}
	for _, f := range sortedKeys(got.Failures) {
		if _, known := want.Failures[f]; !known {
			worse = append(worse, fmt.Sprintf("new failure %s: %s", f, got.Failures[f]))
		}
	}
	for _, f := range sortedKeys(want.Failures) {
		if _, still := got.Failures[f]; !still {
			better = append(better, "fixed: "+f)
		}
	}
	if len(worse) > 0 {
		t.Errorf("the corpus sweep got worse than %s:\n  %s\nfix the regression; if it is intended, %s",
			corpusSummaryFile, strings.Join(worse, "\n  "), hint)
	}
	if len(better) > 0 {
		t.Logf("the corpus sweep improved on %s:\n  %s\n%s so it cannot regress unnoticed",
			corpusSummaryFile, strings.Join(better, "\n  "), hint)
	}
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
