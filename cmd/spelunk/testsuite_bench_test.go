package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/detections"
)

// BenchmarkTestSuite runs `spelunk test` over the whole suite (see
// testsuite_test.go) in-process, from scratch each time: opening the
// content and its macros, loading every detection, reading every test's
// data, compiling, running and judging, on the default number of workers.
func BenchmarkTestSuite(b *testing.B) {
	for _, mirror := range []string{suitePos, suiteNeg} {
		b.Run(filepath.Base(mirror), func(b *testing.B) {
			args := []string{"test", "--content", suiteContent, "--attack-data", mirror}
			want := map[string]int{suitePos: 0, suiteNeg: 1}[mirror]
			b.ReportAllocs()
			for b.Loop() {
				if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != want {
					b.Fatalf("exit %d, want %d", code, want)
				}
			}
		})
	}
}

// BenchmarkOneDetectionTest measures (*detections.Content).Test, what
// `spelunk test` does per detection: read the test's data, compile, run and
// judge, for each detection of the suite on its pos/ data.
func BenchmarkOneDetectionTest(b *testing.B) {
	content := openContent(b, suiteContent)
	files, err := filepath.Glob(filepath.Join(suiteContent, "detections", "*.yml"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no suite detections (%v)", err)
	}
	opts := detections.TestOptions{AttackData: suitePos}
	for _, f := range files {
		d, err := detections.LoadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(f), ".yml"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rs, err := content.Test(b.Context(), d, opts)
				if err != nil || rs[0].Status != detections.TestPass {
					b.Fatalf("%v %+v", err, rs)
				}
			}
		})
	}
}
