package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/golden"
)

// otrfData is the real Windows datasets described in
// ../shared/data/README.txt (otrf_windows/: NXLog, flat TimeCreated and
// Winlogbeat 6 JSON lines in .zip and .tar.gz archives).
const otrfData = "../../shared/data/otrf_windows"

// TestOTRFCounts reads every archive of ../shared/data/otrf_windows as it
// is and compares the per-file format, counts and rows per data model,
// and what the Report says about the archives, with
// testdata/otrf_counts.golden.
func TestOTRFCounts(t *testing.T) {
	if _, err := os.Stat(otrfData); err != nil {
		t.Skipf("real data absent (%v); see ../shared/data/README.txt", err)
	}
	if testing.Short() {
		t.Skip("reads 26 MB of archives")
	}
	paths, _ := filepath.Glob(filepath.Join(otrfData, "*.zip"))
	tgz, _ := filepath.Glob(filepath.Join(otrfData, "*.tar.gz"))
	paths = append(paths, tgz...)
	_, rep, err := Load(t.Context(), paths, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, f := range rep.Files {
		fmt.Fprintf(&sb, "%s: format=%s records=%d events=%d skipped=%d\n", strings.TrimPrefix(f.Path, otrfData+string(filepath.Separator)), f.Format, f.Records, f.Events, f.Skipped)
		var ds []string
		for d := range f.Rows {
			ds = append(ds, d)
		}
		slices.Sort(ds)
		for _, d := range ds {
			fmt.Fprintf(&sb, "  %s=%d\n", d, f.Rows[d])
		}
		for _, w := range f.Warnings {
			fmt.Fprintf(&sb, "  warning: %s\n", w)
		}
	}
	for _, e := range rep.Unreadable {
		fmt.Fprintf(&sb, "unreadable: %s\n", strings.TrimPrefix(e.String(), otrfData+string(filepath.Separator)))
	}
	var why []string
	for k, n := range rep.IgnoredMembers {
		why = append(why, fmt.Sprintf("ignored: %d %s\n", n, k))
	}
	slices.Sort(why)
	sb.WriteString(strings.Join(why, ""))
	golden.File(t, "testdata/otrf_counts.golden", sb.String())
}
