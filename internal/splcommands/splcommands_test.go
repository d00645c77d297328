package splcommands

import (
	"strings"
	"testing"
)

func TestNamesWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range append(Names(), AppNames()...) {
		if n == "" || n != strings.ToLower(n) || strings.ContainsAny(n, " \t|[]") {
			t.Errorf("malformed command name %q", n)
		}
		if seen[n] {
			t.Errorf("command %q listed twice", n)
		}
		seen[n] = true
	}
}

func TestLookups(t *testing.T) {
	for _, n := range []string{"stats", "tstats", "bucket", "kv", "fit", "xyseries"} {
		if !Documented(n) {
			t.Errorf("Documented(%q) = false", n)
		}
	}
	for _, n := range []string{"", "Stats", "cyberchef", "statz", "spelunk_app_macro"} {
		if Documented(n) {
			t.Errorf("Documented(%q) = true", n)
		}
	}
	if app, ok := App("cyberchef"); !ok || app != "CyberChef for Splunk" {
		t.Errorf("App(cyberchef) = %q, %v", app, ok)
	}
	if _, ok := App("stats"); ok {
		t.Error("App(stats) = true")
	}
}

func TestNearest(t *testing.T) {
	for in, want := range map[string]string{
		"statz":       "stats",
		"evl":         "eval",
		"inputlokup":  "inputlookup",
		"tabel":       "table",
		"xyzzyplugh":  "",
		"spelunk_foo": "",
	} {
		if got := Nearest(in); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamesIsACopy(t *testing.T) {
	n := Names()
	n[0] = "changed"
	if Names()[0] == "changed" {
		t.Error("Names returned the package's own slice")
	}
}
