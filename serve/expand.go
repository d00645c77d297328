package serve

import (
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/query"
)

// macroJSON is one macro call written in the search box.
type macroJSON struct {
	// Call is the call as written, without backticks; Name its macro.
	Call string `json:"call"`
	Name string `json:"name"`
	// Line and Col are where its opening backtick is in the search.
	Line int `json:"line"`
	Col  int `json:"col"`
	// Definition is the macro's definition text (with $arg$
	// placeholders), Args its argument names.
	Definition string   `json:"definition"`
	Args       []string `json:"args,omitempty"`
	// From says where the definition comes from: "file:line:col", or
	// "built in".
	From string `json:"from"`
	// Expansion is what the call expanded to, nested calls included.
	Expansion string `json:"expansion"`
	// Description is the macro's description, when it has one.
	Description string `json:"description,omitempty"`
}

// expandResponse is the answer of /api/expand.
type expandResponse struct {
	Expanded string      `json:"expanded"`
	Macros   []macroJSON `json:"macros"`
}

// parseResponse is the answer of /api/parse: the search compiled (expanded,
// parsed and planned) without running it.
type parseResponse struct {
	expandResponse
	// Canonical is the expanded search printed as canonical SPL.
	Canonical string `json:"canonical"`
	// Events and DataModels say what data the search reads.
	Events     bool    `json:"events"`
	DataModels bool    `json:"data_models"`
	CompileMS  float64 `json:"compile_ms"`
}

func (s *Server) handleExpand(w http.ResponseWriter, r *http.Request) {
	req, ok := s.decodeSearch(w, r)
	if !ok {
		return
	}
	x, err := s.cfg.Env.Expand(query.Text(req.Search))
	if err != nil {
		writeError(w, statusOf(err), searchError(err))
		return
	}
	writeJSON(w, http.StatusOK, s.expansionJSON(x))
}

func (s *Server) handleParse(w http.ResponseWriter, r *http.Request) {
	req, ok := s.decodeSearch(w, r)
	if !ok {
		return
	}
	start := time.Now()
	srch, err := s.cfg.Env.Compile(req.Search)
	if err != nil {
		writeError(w, statusOf(err), searchError(err))
		return
	}
	n := srch.Needs()
	writeJSON(w, http.StatusOK, parseResponse{
		expandResponse: s.expansionJSON(srch.Expansion),
		Canonical:      srch.Query.String(),
		Events:         n.Events, DataModels: n.DataModels,
		CompileMS: ms(time.Since(start)),
	})
}

// expansionJSON describes x and the calls written in the search itself;
// definitions in the content directory are named relative to it.
func (s *Server) expansionJSON(x *macros.Expansion) expandResponse {
	out := expandResponse{Expanded: x.Text, Macros: []macroJSON{}}
	for _, c := range x.Calls {
		if c.Depth != 0 {
			continue
		}
		m := c.Macro
		from := "built in"
		if !m.Builtin {
			loc := m.Loc
			loc.File = s.displayPath(loc.File)
			from = loc.String()
		}
		exp := ""
		if c.Start >= 0 && c.End <= len(x.Text) && c.Start <= c.End {
			exp = x.Text[c.Start:c.End]
		}
		out.Macros = append(out.Macros, macroJSON{
			Call: query.CallText(c), Name: c.Name, Line: c.Loc.Line, Col: c.Loc.Col,
			Definition: m.Definition, Args: m.Args, From: from, Expansion: exp,
			Description: m.Description,
		})
	}
	return out
}

// displayPath is file relative to the content directory when it is inside
// it, else as it is.
func (s *Server) displayPath(file string) string {
	dir := s.cfg.Env.Config().ContentDir
	if dir == "" || file == "" {
		return file
	}
	absDir, err1 := filepath.Abs(dir)
	absFile, err2 := filepath.Abs(file)
	if err1 != nil || err2 != nil {
		return file
	}
	rel, err := filepath.Rel(absDir, absFile)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return file
	}
	return filepath.ToSlash(rel)
}
