package confine

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCreateTempExclusive: each temporary file is new (O_EXCL), named
// after the file it stands in for, and never one that already exists.
func TestCreateTempExclusive(t *testing.T) {
	dir := t.TempDir()
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	seen := map[string]bool{}
	for range 20 {
		f, tmp, err := CreateTemp(r, "out.csv", 0o600)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		if seen[tmp] || !strings.HasPrefix(tmp, ".out.csv.") || !strings.HasSuffix(tmp, ".tmp") {
			t.Fatalf("temporary name %q (seen before: %v)", tmp, seen[tmp])
		}
		seen[tmp] = true
		fi, err := os.Lstat(filepath.Join(dir, tmp))
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", tmp, fi, err)
		}
	}
}

// TestReplace: the data replaces a symbolic link at the name instead of
// going through it, and a failed write leaves no temporary file behind.
func TestReplace(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	victim := filepath.Join(outside, "victim")
	if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, filepath.Join(dir, "x.csv")); err != nil {
		t.Fatal(err)
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	err = Replace(r, "x.csv", 0o644, func(f *os.File) error {
		_, err := f.WriteString("new")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep" {
		t.Errorf("written through the link: %q", b)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "x.csv")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("x.csv is not the new regular file: %v %v", fi, err)
	}
	boom := errors.New("boom")
	if err := Replace(r, "y.csv", 0o644, func(*os.File) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("error %v, want the write's", err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("files left: %v", ents)
	}
}
