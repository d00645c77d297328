package macros

import (
	"strings"

	"github.com/spelunk-dev/spelunk/diag"
)

// Error is an expansion or loading error.
type Error struct {
	Loc   Location // where the problem was written (a call, or a YAML node)
	Macro string   // stanza name (`name` or `name(N)`) of the macro whose definition contains Loc; "" for the searched text or a file
	Msg   string   // lower-case message without position
	// Code says what went wrong, set where the error is raised:
	// diag.CodeUnknownMacro, CodeMacroArity, CodeMacroCycle,
	// CodeMacroSyntax, CodeMacroLimit, CodeMacroError (iseval, validation,
	// invalid arguments) while expanding; CodeMacroDefinition and
	// CodeReadError while loading macro files.
	Code diag.Code
	// Called is the name of the macro an unknown-macro error is about;
	// empty otherwise.
	Called string
}

// Error renders e as "loc: msg", with " (in macro `m`)" appended when the
// problem lies inside a macro definition, e.g.
// "detections/endpoint/x.yml:7:42: unknown macro `foo_bar` (0 arguments)".
func (e *Error) Error() string {
	if e == nil {
		return "macros: nil Error"
	}
	var b strings.Builder
	if s := e.Loc.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Macro != "" {
		b.WriteString(" (in macro `")
		b.WriteString(e.Macro)
		b.WriteString("`)")
	}
	return b.String()
}

// errNilLibrary is the error of a method called on a nil *Library.
func errNilLibrary(method string) *Error {
	return &Error{Code: diag.CodeInternalError, Msg: method + " on a nil macro library"}
}
