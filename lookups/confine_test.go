package lookups

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/confine"
)

// TestLookupsLinkOutsideContent: a content's lookups/ that is a symbolic
// link to a directory outside the content is refused when opening.
func TestLookupsLinkOutsideContent(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write(t, outside, "passwd", "root:x:0:0\n")
	write(t, outside, "x.yml", "name: x\nfilename: passwd\n")
	if err := os.Symlink(outside, filepath.Join(root, "lookups")); err != nil {
		t.Fatal(err)
	}
	_, err := Open(root)
	if err == nil || !strings.Contains(err.Error(), "leads outside the content directory") {
		t.Fatalf("Open: %v, want a refusal", err)
	}
	// A link that stays inside the content directory is followed.
	inside := t.TempDir()
	if err := os.Mkdir(filepath.Join(inside, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(inside, "real"), "hosts.csv", "ip,host\n1.2.3.4,a\n")
	if err := os.Symlink("real", filepath.Join(inside, "lookups")); err != nil {
		t.Fatal(err)
	}
	r, err := Open(inside)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Lookup("hosts.csv"); err != nil {
		t.Errorf("lookup through an inside link: %v", err)
	}
}

// TestLookupFileNames: only plain .csv names are read, and files or
// definitions that are links out of lookups/ are not.
func TestLookupFileNames(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "secret.csv", "a\nsecret\n")
	write(t, outside, "evil.yml", "name: evil\nfilename: hosts.csv\n")
	dir := content(t, map[string]string{
		"passwd":        "root:x:0:0\n",
		"hosts.csv":     "ip,host\n1.2.3.4,a\n",
		"notcsv.yml":    "name: notcsv\nfilename: passwd\n",
		"up.yml":        "name: up\nfilename: ../lookups/hosts.csv\n",
		"linked.yml":    "name: linked\nfilename: linked.csv\n",
		"hosts_def.yml": "name: hosts_def\nfilename: hosts.csv\n",
	})
	lk := filepath.Join(dir, "lookups")
	if err := os.Symlink(filepath.Join(outside, "secret.csv"), filepath.Join(lk, "linked.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "evil.yml"), filepath.Join(lk, "evil.yml")); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.defs["evil"]; ok {
		t.Error("a definition linked from outside lookups/ was read")
	}
	for _, name := range []string{"passwd", "notcsv", "up", "linked", "linked.csv", "../passwd", "lookups/hosts.csv"} {
		if tbl, err := r.Lookup(name); err == nil {
			t.Errorf("Lookup(%q) = %v, want an error", name, tbl)
		}
	}
	for _, name := range []string{"hosts.csv", "hosts_def"} {
		if _, err := r.Lookup(name); err != nil {
			t.Errorf("Lookup(%q): %v", name, err)
		}
	}
	// An extra directory confines the same way.
	extra := t.TempDir()
	if err := os.Symlink(filepath.Join(outside, "secret.csv"), filepath.Join(extra, "s.csv")); err != nil {
		t.Fatal(err)
	}
	r, err = Open("", extra)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Lookup("s"); err == nil {
		t.Error("an extra directory's link to outside was read")
	}
	if _, err := confine.New(extra).ReadFile("s.csv", -1); !errors.Is(err, confine.ErrEscape) {
		t.Errorf("confine: %v", err)
	}
}

// FuzzLookupName: whatever a search names, a Resolver reads no file
// outside its directories (here: a lookups/ holding a link to outside
// and a non-CSV file).
func FuzzLookupName(f *testing.F) {
	for _, s := range []string{"hosts.csv", "hosts", "passwd", "../secret.csv", "out.csv", "out", "/etc/passwd", "lookups/hosts.csv", ".", ""} {
		f.Add(s)
	}
	root, outside := f.TempDir(), f.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("a\nsecret\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	lk := filepath.Join(root, "lookups")
	if err := os.Mkdir(lk, 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(lk, "hosts.csv"), []byte("a\nfine\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(lk, "passwd"), []byte("a\nsecret\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.csv"), filepath.Join(lk, "out.csv")); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name string) {
		r, err := Open(root)
		if err != nil {
			t.Fatal(err)
		}
		tbl, err := r.Lookup(name)
		if err != nil || tbl == nil {
			return
		}
		if name != "hosts.csv" && name != "hosts" && !strings.EqualFold(name, "hosts.csv") {
			t.Fatalf("Lookup(%q) read a table", name)
		}
	})
}
