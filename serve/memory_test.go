package serve

import (
	"context"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/internal/memlimit"
	"github.com/spelunk-dev/spelunk/query"
)

// TestSearchMemoryLimit: a search that passes the memory limit (the
// process's heap, the loaded logs included) ends with the limit's error at
// its command, and the server goes on answering the next search.
func TestSearchMemoryLimit(t *testing.T) {
	runtime.GC()
	limits := query.Limits{MaxMemory: int64(memlimit.InUse()) + 192<<20, MaxValueLen: 1 << 40}
	base, err := query.New(query.Config{ContentDir: exampleContent, Limits: limits,
		Lookups: []string{filepath.Join(exampleContent, "..", "lookups")}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := base.Load(context.Background(), []string{exampleData})
	if err != nil {
		t.Fatal(err)
	}
	content, err := detections.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Env: base, Data: d, Content: content})
	if err != nil {
		t.Fatal(err)
	}
	doubling := `| makeresults | eval x="abcdefghij"` + strings.Repeat(" | eval x=x . x", 32)
	rec := post(t, s, "/api/search", map[string]string{"search": doubling})
	var got errorBody
	decodeBody(t, rec, &got)
	if rec.Code == http.StatusOK || got.Error.Code != "spl_limit_exceeded" || !strings.Contains(got.Error.Message, "eval: the memory in use") || got.Error.Line != 1 {
		t.Fatalf("status %d error %+v, want the memory limit's at eval", rec.Code, got.Error)
	}
	runtime.GC()
	rec = post(t, s, "/api/search", map[string]string{"search": "| makeresults count=3"})
	var rows searchBody
	decodeBody(t, rec, &rows)
	if rec.Code != http.StatusOK || rows.Total != 3 {
		t.Fatalf("next search: status %d, %d rows: %s", rec.Code, rows.Total, rec.Body)
	}
}
