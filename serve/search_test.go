package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/query"
)

type searchBody struct {
	Fields       []string         `json:"fields"`
	Rows         []map[string]any `json:"rows"`
	Profile      []stepJSON       `json:"profile"`
	Total        int              `json:"total"`
	Returned     int              `json:"returned"`
	Truncated    bool             `json:"truncated"`
	RiskMessages []string         `json:"risk_messages"`
}

func TestSearchReturnsRowsAndProfile(t *testing.T) {
	s := newTestServer(t, Limits{})
	rec := post(t, s, "/api/search", map[string]string{"search": wmiSearch(t)})
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got searchBody
	decodeBody(t, rec, &got)
	if got.Total != 2 || len(got.Rows) != 2 || got.Truncated {
		t.Fatalf("want the 2 remote WMI commands, got total %d rows %d truncated %v", got.Total, len(got.Rows), got.Truncated)
	}
	wantFields := []string{"dest", "user", "parent_process", "process_name", "process", "process_id", "parent_process_id", "count", "firstTime", "lastTime"}
	if strings.Join(got.Fields, ",") != strings.Join(wantFields, ",") {
		t.Errorf("fields = %v, want %v", got.Fields, wantFields)
	}
	dests := map[any]bool{}
	for _, r := range got.Rows {
		dests[r["dest"]] = true
	}
	if !dests["lab-ws-01.corp.example"] || !dests["lab-srv-02.corp.example"] {
		t.Errorf("rows %v lack the two hosts", got.Rows)
	}
	if len(got.Profile) == 0 || got.Profile[0].Command != "tstats" || got.Profile[0].RowsOut != 2 {
		t.Errorf("profile = %+v, want tstats first with 2 rows out", got.Profile)
	}
}

func TestSearchMultivalueAndNull(t *testing.T) {
	s := newTestServer(t, Limits{})
	rec := post(t, s, "/api/search", map[string]string{"search": `| makeresults | eval m=split("a,b",","), n=null(), v="x"`})
	var got searchBody
	decodeBody(t, rec, &got)
	if rec.Code != http.StatusOK || len(got.Rows) != 1 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	row := got.Rows[0]
	if m, ok := row["m"].([]any); !ok || len(m) != 2 || m[0] != "a" || m[1] != "b" {
		t.Errorf("multivalue m = %#v, want [a b]", row["m"])
	}
	if _, ok := row["n"]; ok {
		t.Errorf("null n is in the row: %v", row)
	}
	if row["v"] != "x" {
		t.Errorf("v = %#v", row["v"])
	}
}

func TestSearchNDJSONEndsInSummary(t *testing.T) {
	s := newTestServer(t, Limits{})
	rec := post(t, s, "/api/search", map[string]string{"search": wmiSearch(t)}, "Accept", ndjsonType)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), ndjsonType) {
		t.Fatalf("status %d, type %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	var lines []map[string]json.RawMessage
	sc := bufio.NewScanner(rec.Body)
	for sc.Scan() {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 3 {
		t.Fatalf("want 2 rows and a summary, got %d lines", len(lines))
	}
	if _, ok := lines[0]["dest"]; !ok {
		t.Errorf("first line is not a row: %v", lines[0])
	}
	var sum summaryJSON
	if err := json.Unmarshal(lines[2]["summary"], &sum); err != nil || sum.Total != 2 || len(sum.Profile) == 0 {
		t.Errorf("summary = %+v (%v)", sum, err)
	}
}

func TestSearchRendersRiskMessage(t *testing.T) {
	s := newTestServer(t, Limits{})
	rec := post(t, s, "/api/search", map[string]string{"search": wmiSearch(t), "detection": "272df6de-61f1-4784-877c-1fbc3e2d0838"})
	var got searchBody
	decodeBody(t, rec, &got)
	if len(got.RiskMessages) != 2 || !strings.Contains(got.RiskMessages[0], "in host lab-") || strings.Contains(got.RiskMessages[0], "$") {
		t.Errorf("risk messages = %q", got.RiskMessages)
	}
	rec = post(t, s, "/api/search", map[string]string{"search": "| makeresults", "detection": "nope"})
	if rec.Code != http.StatusNotFound {
		t.Errorf("unknown detection: status %d", rec.Code)
	}
}

// TestSearchErrors checks an invalid search is 400 with the CLI's message
// and the position of the offending text in the search box.
func TestSearchErrors(t *testing.T) {
	s := newTestServer(t, Limits{})
	tests := []struct {
		name, search string
		line, col    int
		code         string
	}{
		{"parse", "| tstats count from datamodel=Endpoint.Processes where by", 1, 56, "spl_parse_error"},
		{"second line", "| makeresults\n| eval x=", 2, 10, ""},
		{"unknown macro", "| makeresults | `no_such_macro`", 1, 17, "spl_unknown_macro"},
		{"characters not bytes", `| makeresults | eval é="é" | stats`, 1, 35, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := post(t, s, "/api/search", map[string]string{"search": tc.search})
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var got errorBody
			decodeBody(t, rec, &got)
			_, err := s.cfg.Env.Compile(tc.search)
			var se *query.SearchError
			if !errors.As(err, &se) {
				t.Fatalf("Compile: %v", err)
			}
			if got.Error.Message != se.Error() || got.Error.Detail != se.Detail() {
				t.Errorf("message %q, want the CLI's %q", got.Error.Message, se.Error())
			}
			if got.Error.Line != tc.line || got.Error.Col != tc.col {
				t.Errorf("at %d:%d, want %d:%d (%s)", got.Error.Line, got.Error.Col, tc.line, tc.col, got.Error.Message)
			}
			if got.Error.Code != string(se.Code) || (tc.code != "" && got.Error.Code != tc.code) {
				t.Errorf("code %q, want %q", got.Error.Code, se.Code)
			}
		})
	}
}

// TestSearchErrorInMacro places an error inside a macro's definition at
// the macro's call in the search box, with the definition's file position.
func TestSearchErrorInMacro(t *testing.T) {
	s := newTestServer(t, Limits{})
	rec := post(t, s, "/api/search", map[string]string{"search": "| makeresults | `security_content_ctime`"})
	var got errorBody
	decodeBody(t, rec, &got)
	if rec.Code != http.StatusBadRequest || got.Error.Line != 1 || got.Error.Col != 17 {
		t.Errorf("status %d error %+v, want 400 at 1:17", rec.Code, got.Error)
	}
}

func TestBadRequests(t *testing.T) {
	s := newTestServer(t, Limits{MaxRequestBytes: 64})
	tests := []struct {
		name string
		body string
		code int
		want string
	}{
		{"too large", `{"search":"` + strings.Repeat("x", 100) + `"}`, http.StatusRequestEntityTooLarge, "request_too_large"},
		{"not JSON", `search=x`, http.StatusBadRequest, "bad_request"},
		{"unknown member", `{"query":"| makeresults"}`, http.StatusBadRequest, "bad_request"},
		{"empty search", `{"search":"  "}`, http.StatusBadRequest, "bad_request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range []string{"/api/search", "/api/expand", "/api/parse", "/api/explain"} {
				req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(tc.body))
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				var got errorBody
				decodeBody(t, rec, &got)
				if rec.Code != tc.code || got.Error.Code != tc.want {
					t.Errorf("%s: status %d code %q, want %d %q", path, rec.Code, got.Error.Code, tc.code, tc.want)
				}
			}
		})
	}
	req := httptest.NewRequest(http.MethodGet, "/api/search", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var got errorBody
	decodeBody(t, rec, &got)
	if rec.Code != http.StatusNotFound || got.Error.Code != "not_found" {
		t.Errorf("GET /api/search: status %d %+v, want a JSON 404", rec.Code, got.Error)
	}
}

func TestSearchRowLimit(t *testing.T) {
	s := newTestServer(t, Limits{MaxRows: 10})
	rec := post(t, s, "/api/search", map[string]string{"search": "| makeresults count=25 | streamstats count as n"})
	var got searchBody
	decodeBody(t, rec, &got)
	if got.Total != 25 || got.Returned != 10 || len(got.Rows) != 10 || !got.Truncated {
		t.Errorf("total %d returned %d rows %d truncated %v, want 25 10 10 true", got.Total, got.Returned, len(got.Rows), got.Truncated)
	}
	rec = post(t, s, "/api/search", map[string]string{"search": "| makeresults count=25"}, "Accept", ndjsonType)
	if n := strings.Count(rec.Body.String(), "\n"); n != 11 {
		t.Errorf("ndjson: %d lines, want 10 rows and the summary", n)
	}
}

func TestSearchTimeLimit(t *testing.T) {
	s := newTestServer(t, Limits{Timeout: time.Nanosecond})
	var ended error
	s.searchDone = func(err error) { ended = err }
	rec := post(t, s, "/api/search", map[string]string{"search": "| makeresults count=10"})
	var got errorBody
	decodeBody(t, rec, &got)
	if rec.Code != http.StatusServiceUnavailable || got.Error.Code != "timeout" || !strings.Contains(got.Error.Message, "limit") {
		t.Errorf("status %d error %+v, want 503 timeout", rec.Code, got.Error)
	}
	if !errors.Is(ended, context.DeadlineExceeded) {
		t.Errorf("search ended with %v, want the deadline", ended)
	}
}

// TestSearchCancelledByClient checks that a client that goes away (the tab
// closed, the fetch aborted) stops its search.
func TestSearchCancelledByClient(t *testing.T) {
	s := newTestServer(t, Limits{})
	ended := make(chan error, 1)
	s.searchDone = func(err error) { ended <- err }
	srv := httptest.NewServer(s)
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	body := `{"search":"| makeresults count=3000000 | eval x=md5(tostring(random())) | eval y=md5(x) | stats dc(y)"}`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/api/search", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	go func() {
		time.Sleep(200 * time.Millisecond)
		cancel()
	}()
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the request finished (%s) before it was cancelled", resp.Status)
	}
	select {
	case err := <-ended:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("search ended with %v, want context.Canceled", err)
		}
		t.Logf("search stopped %s after it started", time.Since(start))
	case <-time.After(30 * time.Second):
		t.Fatal("the search did not stop after the client went away")
	}
}
