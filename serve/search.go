package serve

import (
	"bufio"
	"net/http"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/eval"
)

// stepJSON is one command of Result.Profile.
type stepJSON struct {
	Command    string  `json:"command"`
	RowsIn     int     `json:"rows_in"`
	RowsOut    int     `json:"rows_out"`
	DurationMS float64 `json:"duration_ms"`
}

// summaryJSON is what a search response says besides its rows.
type summaryJSON struct {
	Fields  []string   `json:"fields"`
	Profile []stepJSON `json:"profile"`
	// Total is how many rows the search returned; Returned how many the
	// response holds (fewer when Truncated by the row limit).
	Total     int  `json:"total"`
	Returned  int  `json:"returned"`
	Truncated bool `json:"truncated"`
	// CompileMS and RunMS are the times spent compiling and running.
	CompileMS float64 `json:"compile_ms"`
	RunMS     float64 `json:"run_ms"`
	// RiskMessages are the detection's risk message rendered for each
	// returned row, when the request named a detection.
	RiskMessages []string `json:"risk_messages,omitempty"`
}

// searchResponse is the JSON answer of /api/search.
type searchResponse struct {
	summaryJSON
	Rows []rowJSON `json:"rows"`
}

// ndjsonType is the JSON Lines media type a client asks for with Accept.
const ndjsonType = "application/x-ndjson"

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	req, ok := s.decodeSearch(w, r)
	if !ok {
		return
	}
	var det *detections.Detection
	if req.Detection != "" {
		if det = s.dets.byID(req.Detection); det == nil {
			writeError(w, http.StatusNotFound, apiError{Message: "no detection with id " + req.Detection, Code: "not_found"})
			return
		}
	}
	start := time.Now()
	srch, err := s.cfg.Env.Compile(req.Search)
	if err != nil {
		s.done(err)
		writeError(w, statusOf(err), searchError(err))
		return
	}
	compiled := time.Now()
	ctx, cancel := s.withTimeout(r)
	defer cancel()
	res, err := srch.Exec(ctx, s.cfg.Data)
	s.done(err)
	if err != nil {
		if ctx.Err() != nil {
			s.ctxError(w, r, ctx)
			return
		}
		writeError(w, statusOf(err), searchError(err))
		return
	}
	sum := summaryJSON{
		Fields: res.Fields, Profile: profileJSON(res.Profile), Total: len(res.Rows),
		CompileMS: ms(compiled.Sub(start)), RunMS: ms(time.Since(compiled)),
	}
	rows := res.Rows
	if len(rows) > s.limits.MaxRows {
		rows, sum.Truncated = rows[:s.limits.MaxRows], true
	}
	sum.Returned = len(rows)
	if det != nil {
		sum.RiskMessages = make([]string, len(rows))
		for i, row := range rows {
			sum.RiskMessages[i] = detections.RenderMessage(det.Message, fieldOf(res.Fields, row))
		}
	}
	if strings.Contains(r.Header.Get("Accept"), ndjsonType) {
		s.streamRows(w, r, res.Fields, rows, sum)
		return
	}
	out := searchResponse{summaryJSON: sum, Rows: make([]rowJSON, len(rows))}
	for i, row := range rows {
		out.Rows[i] = rowJSON{fields: res.Fields, row: row}
	}
	writeJSON(w, http.StatusOK, out)
}

// streamRows writes rows as JSON Lines, flushing as it goes, then a
// {"summary": ...} line. It stops when the client goes away.
func (s *Server) streamRows(w http.ResponseWriter, r *http.Request, fields []string, rows []eval.Row, sum summaryJSON) {
	w.Header().Set("Content-Type", ndjsonType)
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriter(w)
	fl, _ := w.(http.Flusher)
	for i, row := range rows {
		if i%1000 == 999 {
			if r.Context().Err() != nil {
				return
			}
			_ = bw.Flush()
			if fl != nil {
				fl.Flush()
			}
		}
		b, err := rowJSON{fields: fields, row: row}.MarshalJSON()
		if err != nil {
			return
		}
		_, _ = bw.Write(append(b, '\n'))
	}
	b, err := marshal(struct {
		Summary summaryJSON `json:"summary"`
	}{sum})
	if err != nil {
		return
	}
	_, _ = bw.Write(append(b, '\n'))
	_ = bw.Flush()
}

// done tells the test hook how a search ended.
func (s *Server) done(err error) {
	if s.searchDone != nil {
		s.searchDone(err)
	}
}

func profileJSON(p []eval.StageProfile) []stepJSON {
	out := make([]stepJSON, len(p))
	for i, st := range p {
		out[i] = stepJSON{Command: st.Command, RowsIn: st.RowsIn, RowsOut: st.RowsOut, DurationMS: ms(st.Duration)}
	}
	return out
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// fieldOf looks a field up in a row, for RenderMessage: multivalue fields
// joined by ", ", null fields absent.
func fieldOf(fields []string, row eval.Row) func(string) (string, bool) {
	return func(name string) (string, bool) {
		for i, f := range fields {
			if f == name && i < len(row) && !row[i].IsNull() {
				return strings.Join(row[i].Strings(), ", "), true
			}
		}
		return "", false
	}
}
