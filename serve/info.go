package serve

import (
	"net/http"
	"time"
)

// infoResponse is the answer of /api/info: what the searches run over.
type infoResponse struct {
	// Now is the searches' clock (RFC 3339).
	Now string `json:"now"`
	// Events is how many raw events are loaded; Tables the data-model
	// datasets with their rows.
	Events int            `json:"events"`
	Tables map[string]int `json:"tables"`
	// Report is the load summary the terminal showed.
	Report string `json:"report,omitempty"`
	// Detections is how many detections the content has.
	Detections int  `json:"detections"`
	CanTest    bool `json:"can_test"`
	// MaxRows and TimeoutSeconds are the limits of a search.
	MaxRows        int     `json:"max_rows"`
	TimeoutSeconds float64 `json:"timeout_seconds"`
}

func (s *Server) handleInfo(w http.ResponseWriter, r *http.Request) {
	d := s.cfg.Data
	info := infoResponse{
		Now: s.cfg.Env.Config().Now.UTC().Format(time.RFC3339), Tables: map[string]int{},
		Detections: len(s.dets.list), CanTest: s.cfg.AttackData != "" && s.dets.content != nil,
		MaxRows: s.limits.MaxRows, TimeoutSeconds: s.limits.Timeout.Seconds(),
	}
	if s.cfg.Env.Config().Now.IsZero() {
		info.Now = ""
	}
	if d.Events != nil {
		info.Events = d.Events.Len()
	}
	for name, t := range d.Tables {
		info.Tables[name] = t.Len()
	}
	if d.Report != nil {
		info.Report = d.Report.Summary()
	}
	writeJSON(w, http.StatusOK, info)
}
