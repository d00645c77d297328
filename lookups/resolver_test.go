package lookups

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/eval"
)

// sharedContent is security_content beside the repository, when present.
func sharedContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "content")
	if _, err := os.Stat(filepath.Join(dir, "lookups")); err != nil {
		t.Skip("security_content snapshot (../shared/content) is absent")
	}
	return dir
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// content makes a content directory with lookups/ holding the files.
func content(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "lookups")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for n, s := range files {
		write(t, dir, n, s)
	}
	return root
}

func TestParseDefinition(t *testing.T) {
	d, err := ParseDefinition([]byte("name: x\r\nfilename: x.csv\r\nmatch_type: WILDCARD(a), CIDR(b)\r\ncase_sensitive_match: 'false'\r\nmin_matches: 1\r\nmax_matches: 2\r\ndefault_match: 'false'\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := eval.LookupDef{Name: "x", MatchTypes: map[string]eval.MatchType{"a": eval.MatchWildcard, "b": eval.MatchCIDR},
		CaseInsensitive: true, MinMatches: 1, MaxMatches: 2, DefaultMatch: "false"}
	if d.Filename != "x.csv" || d.Def.Name != want.Name || !d.Def.CaseInsensitive || d.Def.MinMatches != 1 ||
		d.Def.MaxMatches != 2 || d.Def.DefaultMatch != "false" || d.Def.MatchTypes["a"] != eval.MatchWildcard || d.Def.MatchTypes["b"] != eval.MatchCIDR {
		t.Fatalf("got %+v", d)
	}
	for _, bad := range []string{"match_type: FUZZY(a)", "match_type: a", "min_matches: x", "case_sensitive_match: maybe"} {
		if _, err := ParseDefinition([]byte(bad)); err == nil {
			t.Errorf("%q: want error", bad)
		}
	}
}

func TestResolve(t *testing.T) {
	c := content(t, map[string]string{
		"hosts.yml":     "name: hosts\nfilename: hosts_v2.csv\ncase_sensitive_match: 'false'\n",
		"hosts_v2.csv":  "\xef\xbb\xbfhost , role\nWS1,server\nws2,desktop,extra\n",
		"kv.yml":        "name: kv\ncollection: kv_coll\nfields_list: a, b\n",
		"__mlspl_m.yml": "name: __mlspl_m\nfilename: __mlspl_m.mlmodel\n",
		"gone.yml":      "name: gone\nfilename: gone.csv\n",
		"plain.csv":     "a,b\n1,2\n",
	})
	extra := t.TempDir()
	write(t, extra, "kv.csv", "a,b\nx,y\n")
	r, err := Open(c, extra)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := r.Lookup("hosts")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tab.Columns(), "|"); got != "host|role" || tab.Len() != 2 || !tab.Def().CaseInsensitive {
		t.Fatalf("hosts: columns %q, %d rows, def %+v", got, tab.Len(), tab.Def())
	}
	again, _ := r.Lookup("hosts")
	if again != tab {
		t.Error("the table is not cached")
	}
	if _, err := r.Lookup("hosts_v2.csv"); err != nil {
		t.Errorf("by file name: %v", err)
	}
	if _, err := r.Lookup("plain.csv"); err != nil {
		t.Errorf("undefined file: %v", err)
	}
	if _, err := r.Lookup("kv"); err != nil {
		t.Errorf("kv from --lookups: %v", err)
	}
	for name, want := range map[string]error{
		"__mlspl_m": eval.ErrLookupUnavailable,
		"gone":      eval.ErrLookupUnavailable,
		"nosuch":    eval.ErrLookupNotFound,
		"../x.csv":  eval.ErrLookupNotFound,
		".hidden":   eval.ErrLookupNotFound,
		"a/b.csv":   eval.ErrLookupNotFound,
	} {
		_, err := r.Lookup(name)
		if !errors.Is(err, want) {
			t.Errorf("%s: got %v, want %v", name, err, want)
		}
		if err2 := r.CheckLookup(name); !errors.Is(err2, want) {
			t.Errorf("CheckLookup(%s): got %v", name, err2)
		}
	}
	r2, _ := Open(c)
	_, err = r2.Lookup("kv")
	if !errors.Is(err, eval.ErrLookupUnavailable) || !strings.Contains(err.Error(), "--lookups DIR") || !strings.Contains(err.Error(), "kv.csv") {
		t.Errorf("kv without --lookups: %v", err)
	}
}

func TestSymlinkOutOfDirIsRefused(t *testing.T) {
	outside := t.TempDir()
	write(t, outside, "secret.csv", "a\n1\n")
	c := content(t, nil)
	if err := os.Symlink(filepath.Join(outside, "secret.csv"), filepath.Join(c, "lookups", "secret.csv")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	r, err := Open(c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Lookup("secret.csv"); err == nil {
		t.Fatal("a symlink out of the lookups directory was followed")
	}
}

// TestSecurityContent loads every lookup security_content defines: each
// either loads or is unavailable with a hint, and every lookup the
// detections name resolves or is unavailable (never unknown).
func TestSecurityContent(t *testing.T) {
	dir := sharedContent(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	loaded, unavailable := 0, 0
	for _, d := range r.Definitions() {
		_, err := r.Lookup(d.Name)
		switch {
		case err == nil:
			loaded++
		case errors.Is(err, eval.ErrLookupUnavailable):
			unavailable++
		default:
			t.Errorf("%s: %v", d.Name, err)
		}
	}
	t.Logf("%d lookups loaded, %d unavailable locally", loaded, unavailable)
	if loaded < 40 {
		t.Errorf("only %d lookups loaded", loaded)
	}
}

func BenchmarkWildcardLookup(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "content")
	r, err := Open(dir)
	if err != nil {
		b.Skip(err)
	}
	tab, err := r.Lookup("remote_access_software")
	if err != nil {
		b.Skip(err)
	}
	_ = tab
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Lookup("remote_access_software"); err != nil {
			b.Fatal(err)
		}
	}
}
