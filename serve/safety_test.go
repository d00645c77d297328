package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSearchesStayInsideTheNamedFiles checks that a search reads only the
// lookups the flags named and writes nothing.
func TestSearchesStayInsideTheNamedFiles(t *testing.T) {
	s := newTestServer(t, Limits{})
	outside := filepath.Join(t.TempDir(), "secret.csv")
	if err := os.WriteFile(outside, []byte("a\nsecret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, search := range []string{
		"| inputlookup " + outside,
		"| inputlookup ../../../../../../../../" + outside,
		"| makeresults | lookup " + outside + " a OUTPUT a",
		"| makeresults | outputlookup written.csv",
	} {
		rec := post(t, s, "/api/search", map[string]string{"search": search})
		if rec.Code == http.StatusOK || strings.Contains(rec.Body.String(), "secret\"") {
			t.Errorf("%s: status %d: %s", search, rec.Code, rec.Body)
		}
	}
	if exists("written.csv") {
		t.Error("outputlookup wrote a file")
	}
	// The example lookup directory, named by --lookups, is readable.
	rec := post(t, s, "/api/search", map[string]string{"search": "| inputlookup wmi_watchlist"})
	if rec.Code != http.StatusOK {
		t.Errorf("inputlookup of a named lookup: status %d: %s", rec.Code, rec.Body)
	}
}

// FuzzSearchAPI sends arbitrary bodies to the search endpoints: every
// answer is JSON with a known status, never a crash.
func FuzzSearchAPI(f *testing.F) {
	s := newTestServer(f, Limits{MaxRows: 50, Timeout: time.Second})
	for _, seed := range []string{
		`{"search":"| makeresults count=3 | eval x=1"}`,
		`{"search":"| tstats count from datamodel=Endpoint.Processes by Processes.dest"}`,
		`{"search":"index=main | stats count by host"}`,
		`{"search":"` + "`process_wmic`" + `"}`,
		`{"search":"| tstats where by"}`,
		`{"search":"\u00e9 | eval \"`,
		`{"search":1}`,
		`[]`,
		``,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, path := range []string{"/api/search", "/api/parse", "/api/expand"} {
			req, rec := newRawRequest(path, body)
			s.ServeHTTP(rec, req)
			switch rec.Code {
			case http.StatusOK, http.StatusBadRequest, http.StatusServiceUnavailable:
			default:
				t.Fatalf("%s %q: status %d: %s", path, body, rec.Code, rec.Body)
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Fatalf("%s %q: content type %q", path, body, rec.Header().Get("Content-Type"))
			}
		}
	})
}
