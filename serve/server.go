package serve

import (
	"errors"
	"net/http"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
)

// Config is what a Server serves.
type Config struct {
	// Env compiles the searches; its clock is the searches' now().
	Env *query.Env
	// Data is what every search runs over, loaded once.
	Data *query.Data
	// Content is the detections directory; nil: the detections view is
	// empty.
	Content *detections.Content
	// AttackData is a local attack_data mirror for the detections' unit
	// tests; empty: /api/test is refused.
	AttackData string
	// Limits bound what one request may cost; zero fields take the
	// defaults.
	Limits Limits
}

// Limits bound one request.
type Limits struct {
	// MaxRequestBytes bounds a request body (DefaultMaxRequestBytes).
	MaxRequestBytes int64
	// MaxRows is the most result rows returned; more are cut and the
	// response says so (DefaultMaxRows).
	MaxRows int
	// Timeout bounds a search's (or a test's) run time (DefaultTimeout).
	Timeout time.Duration
}

// The default limits.
const (
	DefaultMaxRequestBytes = 1 << 20
	DefaultMaxRows         = 10_000
	DefaultTimeout         = 2 * time.Minute
)

func (l Limits) withDefaults() Limits {
	if l.MaxRequestBytes <= 0 {
		l.MaxRequestBytes = DefaultMaxRequestBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultMaxRows
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	return l
}

// Server is the search app: the page and the API.
type Server struct {
	cfg    Config
	limits Limits
	mux    *http.ServeMux
	dets   *catalog
	// searchDone, when set (tests), is told how each search ended.
	searchDone func(error)
}

// New builds the Server of cfg. With a Content it reads and compiles every
// detection once, to say which can run.
func New(cfg Config) (*Server, error) {
	if cfg.Env == nil {
		return nil, errors.New("serve: no query.Env")
	}
	if cfg.Data == nil {
		cfg.Data = &query.Data{}
	}
	s := &Server{cfg: cfg, limits: cfg.Limits.withDefaults(), mux: http.NewServeMux()}
	var err error
	if s.dets, err = newCatalog(cfg.Content); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// ServeHTTP serves the page and the API. A nil or zero Server (not from
// New) answers 500; a nil w or r is ignored.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if w == nil || r == nil {
		return
	}
	if s == nil || s.mux == nil {
		writeError(w, http.StatusInternalServerError, apiError{Message: "serve: nil Server", Code: "error"})
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) routes() {
	s.mux.Handle("GET /", staticHandler())
	s.mux.HandleFunc("POST /api/search", s.handleSearch)
	s.mux.HandleFunc("POST /api/expand", s.handleExpand)
	s.mux.HandleFunc("POST /api/parse", s.handleParse)
	s.mux.HandleFunc("POST /api/explain", s.handleExplain)
	s.mux.HandleFunc("GET /api/detections", s.handleDetections)
	s.mux.HandleFunc("POST /api/test", s.handleTest)
	s.mux.HandleFunc("GET /api/info", s.handleInfo)
	notFound := func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, apiError{Message: r.Method + " " + r.URL.Path + ": no such endpoint", Code: "not_found"})
	}
	s.mux.HandleFunc("GET /api/", notFound)
	s.mux.HandleFunc("POST /api/", notFound)
}
