package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
)

// The example content and data of the repository (examples/doc.go).
var (
	exampleContent = filepath.Join("..", "examples", "content")
	exampleData    = filepath.Join("..", "examples", "data")
)

// wmiSearch is the search of the Remote WMI Command Attempt detection.
func wmiSearch(t testing.TB) string {
	t.Helper()
	return detectionSearch(t, "Remote WMI Command Attempt")
}

func detectionSearch(t testing.TB, name string) string {
	t.Helper()
	env, err := query.New(query.Config{ContentDir: exampleContent})
	if err != nil {
		t.Fatal(err)
	}
	c, err := detections.Open(env)
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Find(name)
	if err != nil {
		t.Fatal(err)
	}
	return d.Search
}

// newTestServer serves the example data with the example content, the
// clock set from the data as spelunk serve sets it.
func newTestServer(t testing.TB, limits Limits) *Server {
	t.Helper()
	return newServerOver(t, []string{exampleData}, limits)
}

func newServerOver(t testing.TB, data []string, limits Limits) *Server {
	t.Helper()
	base, err := query.New(query.Config{ContentDir: exampleContent, Lookups: []string{filepath.Join(exampleContent, "..", "lookups")}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := base.Load(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	latest, ok := d.Latest()
	if !ok {
		t.Fatal("no events in the example data")
	}
	content, err := detections.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Env: base.WithNow(query.ClockAfter(latest)), Data: d, Content: content,
		AttackData: exampleData, Limits: limits})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// post sends body as JSON to path and returns the recorded response.
func post(t testing.TB, h http.Handler, path string, body any, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(b))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decodeBody decodes a JSON response into v.
func decodeBody(t testing.TB, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, rec.Body)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// newRawRequest is a POST of body as it is.
func newRawRequest(path, body string) (*http.Request, *httptest.ResponseRecorder) {
	return httptest.NewRequest(http.MethodPost, path, strings.NewReader(body)), httptest.NewRecorder()
}
