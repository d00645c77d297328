package golden

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiff(t *testing.T) {
	assert.Empty(t, Diff("f", "a\nb\n", "a\nb\n"))
	d := Diff("f", "a\nb\nc\n", "a\nx\nc\n")
	for _, want := range []string{"--- f\n", "+++ f (got)\n", "@@ -1,3 +1,3 @@\n", "-b\n", "+x\n"} {
		assert.Contains(t, d, want)
	}
}

// recorder is a testing.TB that keeps what File reports.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, f) }
func (r *recorder) Fatalf(f string, a ...any) { r.errs = append(r.errs, f) }
func (r *recorder) Fatal(a ...any)            { r.errs = append(r.errs, "fatal") }

func TestFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	require.NoError(t, os.WriteFile(path, []byte("one\n"), 0o644))
	r := &recorder{TB: t}
	File(r, path, "one\n")
	assert.Empty(t, r.errs, "same text")
	File(r, path, "two\n")
	assert.Len(t, r.errs, 1, "different text")
	r.errs = nil
	File(r, path+".missing", "x")
	assert.Len(t, r.errs, 1, "missing file")
}
