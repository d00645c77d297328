package parser_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/parser"
)

// contentDir is security_content as shared beside the repository.
const contentDir = "../../shared/content"

// knownFailures lists detections (file base names) whose expanded search
// does not parse, with the reason. The list may only shrink.
var knownFailures = map[string]string{}

// detection is one non-deprecated detection of the corpus.
type detection struct {
	file   string // base name
	search string // as written, macros unexpanded
	loc    macros.Location
}

// corpus loads the non-deprecated detections (not under deprecated/, status
// not deprecated) and the macro library once per test binary.
var corpus = sync.OnceValues(func() ([]detection, *macros.Library) {
	lib := macros.NewLibrary()
	if err := lib.LoadDir(filepath.Join(contentDir, "macros")); err != nil {
		return nil, nil
	}
	var dets []detection
	root := filepath.Join(contentDir, "detections")
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yml") || strings.Contains(path, string(filepath.Separator)+"deprecated"+string(filepath.Separator)) {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var det struct {
			Search string `yaml:"search"`
			Status string `yaml:"status"`
		}
		if yaml.Unmarshal(b, &det) != nil || det.Status == "deprecated" || det.Search == "" {
			return nil
		}
		dets = append(dets, detection{file: filepath.Base(path), search: det.Search, loc: macros.Location{File: path}})
		return nil
	})
	return dets, lib
})

// loadCorpus returns the corpus or skips the test when it is absent.
func loadCorpus(tb testing.TB) ([]detection, *macros.Library) {
	tb.Helper()
	if _, err := os.Stat(contentDir); err != nil {
		tb.Skipf("security_content not found at %s: %v", contentDir, err)
	}
	dets, lib := corpus()
	if lib == nil || len(dets) == 0 {
		tb.Fatalf("could not load the corpus from %s", contentDir)
	}
	return dets, lib
}

// TestCorpus expands every non-deprecated detection's search with package
// macros, parses it and checks the round trip (String and Format).
func TestCorpus(t *testing.T) {
	dets, lib := loadCorpus(t)
	var expanded, parsed, failed, roundTripped int
	for _, d := range dets {
		// AppMacros: calls to Splunk-app macros (get_asset) become
		// spelunk_app_macro placeholders, which parse as generic commands.
		x, err := lib.Expand(d.search, d.loc, macros.Options{AppMacros: true})
		if err != nil {
			failed++
			t.Errorf("%s: not expanded: %v", d.file, err)
			continue
		}
		expanded++
		_, err = parser.Parse(x.Text)
		if _, known := knownFailures[d.file]; known {
			if err == nil {
				t.Errorf("%s: listed as a known failure but parses now; remove it from knownFailures", d.file)
			}
			continue
		}
		if err != nil {
			failed++
			var pe *parser.Error
			errors.As(err, &pe)
			t.Errorf("%s: %v\n%s", d.file, err, pe.Snippet())
			continue
		}
		parsed++
		if t.Run(strings.TrimSuffix(d.file, ".yml"), func(t *testing.T) { checkRoundTrip(t, x.Text) }) {
			roundTripped++
		}
	}
	t.Logf("%d detections, %d expanded, %d parsed (%.2f%%), %d failed, %d known failures, %d round-trip",
		len(dets), expanded, parsed, 100*float64(parsed)/float64(max(expanded, 1)), failed, len(knownFailures), roundTripped)
}

// BenchmarkCorpus expands and parses every detection of the corpus; the
// figure to read is µs/detection.
func BenchmarkCorpus(b *testing.B) {
	dets, lib := loadCorpus(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, d := range dets {
			x, err := lib.Expand(d.search, d.loc, macros.Options{AppMacros: true})
			if err != nil {
				continue
			}
			_, _ = parser.Parse(x.Text)
			n++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(max(n, 1)), "µs/detection")
}

// BenchmarkCorpusParse is BenchmarkCorpus without the macro expansion.
func BenchmarkCorpusParse(b *testing.B) {
	dets, lib := loadCorpus(b)
	var texts []string
	for _, d := range dets {
		if x, err := lib.Expand(d.search, d.loc, macros.Options{AppMacros: true}); err == nil {
			texts = append(texts, x.Text)
		}
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, q := range texts {
			_, _ = parser.Parse(q)
			n++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(max(n, 1)), "µs/detection")
}
