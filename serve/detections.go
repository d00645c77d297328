package serve

import (
	"errors"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
)

// detectionJSON is one detection of the detections view.
type detectionJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Status      string   `json:"status"`
	File        string   `json:"file"` // relative to the content directory
	DataSources []string `json:"data_sources"`
	Search      string   `json:"search"`
	Message     string   `json:"message"`
	RiskScore   int      `json:"risk_score"`
	MITRE       []string `json:"mitre,omitempty"`
	// Runnable says spelunk compiles the search; else Reason is its
	// error (as the CLI prints it) and Code/Class its code.
	Runnable bool   `json:"runnable"`
	Reason   string `json:"reason,omitempty"`
	Code     string `json:"code,omitempty"`
	Class    string `json:"class,omitempty"`
	// Tests is how many unit tests it has; Testable whether `spelunk
	// test` runs them by default, and if not Untestable says why.
	Tests      int    `json:"tests"`
	Testable   bool   `json:"testable"`
	Untestable string `json:"untestable,omitempty"`
}

// catalog is the content's detections, read and compiled once, and the
// verdicts of the tests run so far.
type catalog struct {
	content *detections.Content
	list    []detectionJSON
	byIDs   map[string]*detections.Detection
	bad     []string // files that could not be read

	mu      sync.Mutex
	verdict map[string][]testJSON // by detection id
}

// newCatalog reads and compiles content's detections; nil content is an
// empty catalog.
func newCatalog(content *detections.Content) (*catalog, error) {
	c := &catalog{content: content, list: []detectionJSON{}, byIDs: map[string]*detections.Detection{},
		verdict: map[string][]testJSON{}}
	if content == nil {
		return c, nil
	}
	ds, bad, err := content.Detections()
	if err != nil {
		return nil, err
	}
	for _, e := range bad {
		c.bad = append(c.bad, e.Error())
	}
	for _, d := range ds {
		j := detectionJSON{
			ID: d.ID, Name: d.Name, Type: d.Type, Status: d.Status, File: relTo(content.Dir, d.File),
			DataSources: d.DataSources, Search: d.Search, Message: d.Message, RiskScore: d.RiskScore,
			MITRE: d.MITRE, Tests: len(d.Tests),
		}
		if j.DataSources == nil {
			j.DataSources = []string{}
		}
		j.Testable, j.Untestable = d.Testable()
		if _, err := content.Compile(d); err != nil {
			e := searchError(err)
			j.Reason, j.Code, j.Class = e.Detail, e.Code, e.Class
			if j.Reason == "" {
				j.Reason = e.Message
			}
		} else {
			j.Runnable = true
		}
		c.list = append(c.list, j)
		if _, dup := c.byIDs[d.ID]; !dup && d.ID != "" {
			c.byIDs[d.ID] = d
		}
	}
	return c, nil
}

// byID is the detection with id, or nil.
func (c *catalog) byID(id string) *detections.Detection { return c.byIDs[id] }

func relTo(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.Base(file)
}

// detectionsResponse is the answer of /api/detections.
type detectionsResponse struct {
	Detections []detectionJSON `json:"detections"`
	// Unreadable are the detection files that could not be read.
	Unreadable []string `json:"unreadable,omitempty"`
	// CanTest says /api/test runs tests (an attack_data mirror was given).
	CanTest bool `json:"can_test"`
	// Verdicts are the test results known so far, by detection id.
	Verdicts map[string][]testJSON `json:"verdicts"`
}

func (s *Server) handleDetections(w http.ResponseWriter, r *http.Request) {
	c := s.dets
	c.mu.Lock()
	verdicts := make(map[string][]testJSON, len(c.verdict))
	for k, v := range c.verdict {
		verdicts[k] = v
	}
	c.mu.Unlock()
	writeJSON(w, http.StatusOK, detectionsResponse{
		Detections: c.list, Unreadable: c.bad, CanTest: s.cfg.AttackData != "" && c.content != nil,
		Verdicts: verdicts,
	})
}

// testJSON is one unit test's verdict.
type testJSON struct {
	Test       string  `json:"test"`
	Status     string  `json:"status"` // PASS, FAIL, SKIP, ERROR, UNSUPPORTED
	Reason     string  `json:"reason,omitempty"`
	Events     int     `json:"events"`
	Results    int     `json:"results"`
	Now        string  `json:"now,omitempty"`
	DurationMS float64 `json:"duration_ms"`
}

// testRequest is the body of /api/test.
type testRequest struct {
	ID string `json:"id"`
}

func (s *Server) handleTest(w http.ResponseWriter, r *http.Request) {
	var req testRequest
	if !s.decode(w, r, &req) {
		return
	}
	if s.cfg.AttackData == "" || s.dets.content == nil {
		writeError(w, http.StatusBadRequest, apiError{Message: "unit tests need an attack_data mirror: start spelunk serve with --attack-data DIR", Code: "no_attack_data"})
		return
	}
	d := s.dets.byID(req.ID)
	if d == nil {
		writeError(w, http.StatusNotFound, apiError{Message: "no detection with id " + req.ID, Code: "not_found"})
		return
	}
	ctx, cancel := s.withTimeout(r)
	defer cancel()
	results, err := s.dets.content.Test(ctx, d, detections.TestOptions{AttackData: s.cfg.AttackData})
	if err != nil {
		if ctx.Err() != nil || errors.Is(err, ctx.Err()) {
			s.ctxError(w, r, ctx)
			return
		}
		writeError(w, http.StatusInternalServerError, apiError{Message: err.Error(), Code: "error"})
		return
	}
	out := make([]testJSON, len(results))
	for i, tr := range results {
		out[i] = testJSON{Test: tr.Test, Status: string(tr.Status), Reason: tr.Reason,
			Events: tr.Events, Results: tr.Results, DurationMS: ms(tr.Duration)}
		if !tr.Now.IsZero() {
			out[i].Now = tr.Now.UTC().Format(time.RFC3339)
		}
	}
	s.dets.mu.Lock()
	s.dets.verdict[d.ID] = out
	s.dets.mu.Unlock()
	writeJSON(w, http.StatusOK, struct {
		ID      string     `json:"id"`
		Results []testJSON `json:"results"`
	}{d.ID, out})
}
