package confine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// tree makes base/{in.csv, sub/a.csv, sub/up -> ../in.csv,
// sub/out -> <outside>/secret, sub/loop -> loop} and outside/secret.
func tree(t *testing.T) (base, outside string) {
	t.Helper()
	base, outside = t.TempDir(), t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(outside, "secret"), []byte("secret"), 0o644))
	must(os.WriteFile(filepath.Join(base, "in.csv"), []byte("in"), 0o644))
	must(os.Mkdir(filepath.Join(base, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(base, "sub", "a.csv"), []byte("a"), 0o644))
	must(os.Symlink("../in.csv", filepath.Join(base, "sub", "up")))
	must(os.Symlink(filepath.Join(outside, "secret"), filepath.Join(base, "sub", "out")))
	must(os.Symlink("loop", filepath.Join(base, "sub", "loop")))
	return base, outside
}

func TestReadFile(t *testing.T) {
	base, _ := tree(t)
	for _, tc := range []struct {
		dir     Dir
		name    string
		want    string
		wantErr error
	}{
		{New(base), "in.csv", "in", nil},
		{New(base), "sub/a.csv", "a", nil},
		{Within(base, "sub"), "a.csv", "a", nil},
		{New(base), "sub/up", "in", nil},                // a link staying inside base
		{Within(base, "sub"), "up", "", ErrEscape},      // the same link leaves sub
		{New(base), "sub/out", "", ErrEscape},           // a link to outside
		{New(base), "../x", "", ErrEscape},              // '..'
		{New(base), "/etc/passwd", "", ErrEscape},       // absolute
		{New(base), "missing", "", fs.ErrNotExist},      // missing
		{New(base), "sub", "", ErrNotRegular},           // a directory
		{Within(base, "nope"), "a", "", fs.ErrNotExist}, /* missing sub */
	} {
		got, err := tc.dir.ReadFile(tc.name, 1<<20)
		if tc.wantErr != nil {
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("%s %s: err %v, want %v", tc.dir.Path(), tc.name, err, tc.wantErr)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("%s %s: %q, %v; want %q", tc.dir.Path(), tc.name, got, err, tc.want)
		}
	}
	if _, err := New(base).ReadFile("in.csv", 1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("limit: %v", err)
	}
}

func TestWithinLinkLeavingBase(t *testing.T) {
	base, outside := tree(t)
	if err := os.Symlink(outside, filepath.Join(base, "lookups")); err != nil {
		t.Fatal(err)
	}
	d := Within(base, "lookups")
	if err := d.Check(); !errors.Is(err, ErrEscape) {
		t.Fatalf("Check: %v, want ErrEscape", err)
	}
	if _, err := d.ReadFile("secret", -1); !errors.Is(err, ErrEscape) {
		t.Errorf("ReadFile: %v, want ErrEscape", err)
	}
	if err := os.Symlink("sub", filepath.Join(base, "inside")); err != nil {
		t.Fatal(err)
	}
	if got, err := Within(base, "inside").ReadFile("a.csv", -1); err != nil || string(got) != "a" {
		t.Errorf("a link staying inside: %q, %v", got, err)
	}
}

func TestWriteFileNeverFollowsLinks(t *testing.T) {
	base, outside := tree(t)
	d := Within(base, "sub")
	for _, name := range []string{"out", "up", "loop"} {
		if err := d.WriteFile(name, []byte("pwned"), 0o644); !errors.Is(err, ErrNotRegular) {
			t.Errorf("%s: %v, want ErrNotRegular", name, err)
		}
	}
	for _, name := range []string{"../x", "a/b", ".hidden", ""} {
		if err := d.WriteFile(name, []byte("x"), 0o644); !errors.Is(err, ErrEscape) {
			t.Errorf("%q: %v, want ErrEscape", name, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "secret")); string(b) != "secret" {
		t.Errorf("outside file changed: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(base, "in.csv")); string(b) != "in" {
		t.Errorf("in.csv changed: %q", b)
	}
	if err := d.WriteFile("new.csv", []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a.csv", []byte("over"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"new.csv": "new", "a.csv": "over"} {
		if b, err := os.ReadFile(filepath.Join(base, "sub", name)); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v", name, b, err)
		}
	}
	if names, _ := d.List(".tmp"); len(names) != 0 {
		t.Errorf("temporary files left: %v", names)
	}
	if err := d.Remove("out"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(outside, "secret")); err != nil {
		t.Errorf("Remove followed the link: %v", err)
	}
}

func TestList(t *testing.T) {
	base, _ := tree(t)
	if err := os.Symlink("a.csv", filepath.Join(base, "sub", "b.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(base, "in.csv"), filepath.Join(base, "sub", "c.csv")); err != nil {
		t.Fatal(err)
	}
	got, err := Within(base, "sub").List(".csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "a.csv" || got[1] != "b.csv" {
		t.Errorf("List = %v, want [a.csv b.csv] (c.csv leaves sub)", got)
	}
	if _, err := Within(base, "nope").List(".csv"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}

func TestPlainName(t *testing.T) {
	for _, tc := range []struct {
		name string
		exts []string
		ok   bool
	}{
		{"hosts.csv", []string{".csv"}, true},
		{"HOSTS.CSV", []string{".csv"}, true},
		{"passwd", []string{".csv"}, false},
		{".csv", []string{".csv"}, false},
		{"a/b.csv", nil, false},
		{`a\b.csv`, nil, false},
		{"..", nil, false},
		{"a\x00.csv", nil, false},
		{"plain", nil, true},
	} {
		if err := PlainName(tc.name, tc.exts...); (err == nil) != tc.ok {
			t.Errorf("PlainName(%q, %v) = %v", tc.name, tc.exts, err)
		}
	}
}

// TestOpen: Open gives the regular files inside the directory (through
// links that stay inside) and refuses the rest.
func TestOpen(t *testing.T) {
	base, _ := tree(t)
	d := Within(base, "sub")
	for name, want := range map[string]error{"a.csv": nil, "up": ErrEscape, "out": ErrEscape, "missing": fs.ErrNotExist, ".": ErrNotRegular} {
		f, err := d.Open(name)
		if want == nil {
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			f.Close()
			continue
		}
		if !errors.Is(err, want) {
			t.Errorf("%s: error %v, want %v", name, err, want)
		}
		if f != nil {
			f.Close()
		}
	}
	f, err := New(base).Open("sub/up")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}
