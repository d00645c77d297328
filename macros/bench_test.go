package macros

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// BenchmarkExpandSeed1 expands seed 1 ("Remote WMI Command Attempt") with
// the macros of its self-contained txtar case.
func BenchmarkExpandSeed1(b *testing.B) {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "expand", "seed_remote_wmi_command_attempt.txtar"))
	if err != nil {
		b.Fatal(err)
	}
	lib := NewLibrary()
	var query string
	for _, f := range ar.Files {
		switch {
		case strings.HasPrefix(f.Name, "macros/"):
			if err := lib.loadBytes(f.Name, f.Data); err != nil {
				b.Fatal(err)
			}
		case f.Name == "query.spl":
			query = strings.TrimSuffix(string(f.Data), "\n")
		}
	}
	b.SetBytes(int64(len(query)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lib.Expand(query, queryAt, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
