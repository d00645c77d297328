package serve

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/query"
)

func TestExpandListsMacroCalls(t *testing.T) {
	s := newTestServer(t, Limits{})
	search := "| tstats count from datamodel=Endpoint.Processes where `process_wmic` by Processes.dest\n| `security_content_ctime(firstTime)`"
	for _, path := range []string{"/api/expand", "/api/parse"} {
		rec := post(t, s, path, map[string]string{"search": search})
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", path, rec.Code, rec.Body)
		}
		var got parseResponse
		decodeBody(t, rec, &got)
		if !strings.Contains(got.Expanded, "Processes.process_name=wmic.exe") || strings.Contains(got.Expanded, "`") {
			t.Errorf("%s: expanded = %q", path, got.Expanded)
		}
		if len(got.Macros) != 2 {
			t.Fatalf("%s: macros = %+v, want the 2 calls", path, got.Macros)
		}
		m := got.Macros[0]
		if m.Name != "process_wmic" || m.Line != 1 || m.Col != 56 || !strings.Contains(m.Definition, "wmic.exe") ||
			m.From != "macros/process_wmic.yml:2:13" {
			t.Errorf("%s: first call = %+v", path, m)
		}
		m = got.Macros[1]
		if m.Call != "security_content_ctime(firstTime)" || m.Line != 2 || m.Col != 3 || !strings.Contains(m.Expansion, "ctime(firstTime)") {
			t.Errorf("%s: second call = %+v", path, m)
		}
		if path == "/api/parse" && (!got.DataModels || got.Events || !strings.HasPrefix(got.Canonical, "| tstats")) {
			t.Errorf("parse: %+v", got)
		}
	}
}

// TestExplainNamesTheEmptyingTerm runs a negative case of the WMI search:
// the explanation's terms show which condition kept no rows.
func TestExplainNamesTheEmptyingTerm(t *testing.T) {
	s := newTestServer(t, Limits{})
	search := strings.Replace(wmiSearch(t), "*node*", "*no-such-switch*", 1)
	rec := post(t, s, "/api/explain", map[string]string{"search": search})
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got query.Explanation
	decodeBody(t, rec, &got)
	if got.Input != "Endpoint.Processes" || got.InputRows != 6 || len(got.Terms) != 2 {
		t.Fatalf("explanation = %+v", got)
	}
	if got.Terms[0].Rows != 3 || got.Terms[1].Rows != 0 || got.Terms[1].Term != "Processes.process=*no-such-switch*" {
		t.Errorf("terms = %+v, want the wmic term keeping 3 and the process term 0", got.Terms)
	}
	if rec := post(t, s, "/api/explain", map[string]string{"search": "| tstats count where"}); rec.Code != http.StatusBadRequest {
		t.Errorf("invalid search: status %d", rec.Code)
	}
}

func TestDetectionsList(t *testing.T) {
	s := newTestServer(t, Limits{})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/detections", nil))
	var got detectionsResponse
	decodeBody(t, rec, &got)
	if len(got.Detections) != 3 || !got.CanTest {
		t.Fatalf("detections = %d, can test %v", len(got.Detections), got.CanTest)
	}
	byName := map[string]detectionJSON{}
	for _, d := range got.Detections {
		byName[d.Name] = d
	}
	wmi := byName["Remote WMI Command Attempt"]
	if !wmi.Runnable || wmi.File != "detections/endpoint/remote_wmi_command_attempt.yml" ||
		len(wmi.DataSources) != 1 || wmi.DataSources[0] != "Sysmon EventID 1" || !strings.Contains(wmi.Message, "$dest$") || !wmi.Testable {
		t.Errorf("Remote WMI = %+v", wmi)
	}
}

func TestUnitTestVerdict(t *testing.T) {
	s := newTestServer(t, Limits{})
	rec := post(t, s, "/api/test", map[string]string{"id": "272df6de-61f1-4784-877c-1fbc3e2d0838"})
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got struct {
		Results []testJSON `json:"results"`
	}
	decodeBody(t, rec, &got)
	if len(got.Results) != 1 || got.Results[0].Status != "PASS" {
		t.Fatalf("results = %+v, want one PASS", got.Results)
	}
	// The verdict is remembered for the detections view.
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/detections", nil))
	var list detectionsResponse
	decodeBody(t, rec, &list)
	if v := list.Verdicts["272df6de-61f1-4784-877c-1fbc3e2d0838"]; len(v) != 1 || v[0].Status != "PASS" {
		t.Errorf("verdicts = %+v", list.Verdicts)
	}
	if rec := post(t, s, "/api/test", map[string]string{"id": "../../etc/passwd"}); rec.Code != http.StatusNotFound {
		t.Errorf("unknown id: status %d", rec.Code)
	}
	s.cfg.AttackData = ""
	if rec := post(t, s, "/api/test", map[string]string{"id": "272df6de-61f1-4784-877c-1fbc3e2d0838"}); rec.Code != http.StatusBadRequest {
		t.Errorf("without a mirror: status %d", rec.Code)
	}
}

func TestPageAndInfo(t *testing.T) {
	s := newTestServer(t, Limits{})
	for _, path := range []string{"/", "/app.js", "/app.css"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK || rec.Body.Len() == 0 {
			t.Errorf("GET %s: status %d", path, rec.Code)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: CSP %q", path, csp)
		}
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/../go.mod", nil))
	if rec.Code == http.StatusOK && strings.Contains(rec.Body.String(), "module ") {
		t.Error("a path outside the page's assets was served")
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/info", nil))
	var info infoResponse
	decodeBody(t, rec, &info)
	if info.Events != 7 || info.Tables["Endpoint.Processes"] != 6 || info.Now != "2024-05-14T10:31:01Z" || info.Detections != 3 {
		t.Errorf("info = %+v", info)
	}
}
