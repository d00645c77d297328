package serve

import (
	"errors"
	"net/http"

	"github.com/spelunk-dev/spelunk/query"
)

// apiError is the "error" member of an error response.
type apiError struct {
	// Message is the one-line message the CLI prints
	// ("<query>:1:5: message (in expansion of macro `m`)").
	Message string `json:"message"`
	// Line and Col are where the offending text is in the search box
	// (1-based; the column counts characters); 0 when unknown. For a
	// problem inside a macro's definition, the call of the outermost
	// macro.
	Line int `json:"line,omitempty"`
	Col  int `json:"col,omitempty"`
	// Code is the stable diag code ("parse_error", "unknown_macro", ...).
	Code string `json:"code"`
	// Class is the code's class (invalid, unsupported, refused, ...).
	Class string `json:"class,omitempty"`
	// Stage is expand, parse, compile or run.
	Stage string `json:"stage,omitempty"`
	// Detail is the CLI's full rendering: message, caret snippet and
	// macro chain.
	Detail string `json:"detail,omitempty"`
	// Msg is the message alone, without position.
	Msg string `json:"msg,omitempty"`
	// Macro, File, FileLine and FileCol say where in a macro's definition
	// the offending text was written, when it was.
	Macro    string `json:"macro,omitempty"`
	File     string `json:"file,omitempty"`
	FileLine int    `json:"file_line,omitempty"`
	FileCol  int    `json:"file_col,omitempty"`
}

// errorBody is an error response.
type errorBody struct {
	Error apiError `json:"error"`
}

func writeError(w http.ResponseWriter, code int, e apiError) {
	writeJSON(w, code, errorBody{Error: e})
}

// searchError converts err (a *query.SearchError when the search is at
// fault) for the page, placing it in the search box's text.
func searchError(err error) apiError {
	var se *query.SearchError
	if !errors.As(err, &se) {
		return apiError{Message: err.Error(), Code: "error"}
	}
	e := apiError{
		Message: se.Error(), Code: string(se.Code), Class: string(se.Class()),
		Stage: se.Stage, Detail: se.Detail(), Msg: se.Msg, Macro: se.Macro,
	}
	loc := se.Loc
	if se.Macro != "" || (loc.File != "" && loc.File != queryFile) {
		e.File, e.FileLine, e.FileCol = loc.File, loc.Line, loc.Col
		loc.Line, loc.Col = 0, 0
		if len(se.Via) > 0 && se.Via[0].Loc.File == queryFile {
			loc = se.Via[0].Loc
		}
	}
	e.Line, e.Col = loc.Line, loc.Col
	return e
}

// queryFile is the file name query gives search text written on its own.
const queryFile = "<query>"

// statusOf is the HTTP status of a search error: 400 for the search's
// fault or what spelunk cannot run, 500 for anything else.
func statusOf(err error) int {
	var se *query.SearchError
	if errors.As(err, &se) {
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}
