package detections

import (
	"strings"

	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/query"
)

// Severity is how bad a Finding is. The values are SARIF's result levels.
type Severity string

// The severities. Only SeverityError makes `spelunk check` fail: the search
// is broken and Splunk would reject it too (bad YAML, unknown macro, syntax
// error, unknown function). Problems that are spelunk's own limits are not
// the detection's fault: a printer bug found by the round trip is a
// warning, a command or function spelunk cannot run yet (unsupported) or
// will never run locally by design (refused) is a note.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityNote    Severity = "note"
)

// Stage is the step of the check that produced a Finding.
type Stage string

// The stages, in the order a detection goes through them. A detection stops
// at the first stage that fails, except that the round trip and compile
// stages both run on the parsed search.
const (
	StageLoad      Stage = "load"      // reading the detection YAML
	StageExpand    Stage = "expand"    // macro expansion
	StageParse     Stage = "parse"     // parsing the expanded search
	StageRoundTrip Stage = "roundtrip" // printing and re-parsing the tree
	StageCompile   Stage = "compile"   // planning the search with eval
)

// The finding codes: diag's stable codes, under the names detections has
// always exported them with. Tools (SARIF rules, CI filters) key on them;
// never rename one, only add. docs/errors.md lists every code.
const (
	CodeYAMLError          = diag.CodeYAMLError
	CodeMissingSearch      = diag.CodeMissingSearch
	CodeMissingField       = diag.CodeMissingField
	CodeUnknownMacro       = diag.CodeUnknownMacro
	CodeAppMacro           = diag.CodeAppMacro
	CodeMacroArity         = diag.CodeMacroArity
	CodeMacroCycle         = diag.CodeMacroCycle
	CodeMacroSyntax        = diag.CodeMacroSyntax
	CodeMacroLimit         = diag.CodeMacroLimit
	CodeMacroError         = diag.CodeMacroError
	CodeParseError         = diag.CodeParseError
	CodeRoundTrip          = diag.CodeRoundTrip
	CodeUnsupportedCommand = diag.CodeUnsupportedCommand
	CodeUnsupportedFunc    = diag.CodeUnsupportedFunc
	CodeUnsupported        = diag.CodeUnsupported
	CodeRefused            = diag.CodeRefused
	CodeCompileError       = diag.CodeCompileError
	CodeInternalError      = diag.CodeInternalError
)

// checkCodes are the codes Check reports, in the order SARIF rules are
// written. Never mutated.
var checkCodes = [...]diag.Code{
	CodeYAMLError, CodeMissingSearch, CodeMissingField, CodeUnknownMacro, CodeAppMacro,
	CodeMacroArity, CodeMacroCycle, CodeMacroSyntax, CodeMacroLimit, CodeMacroError,
	CodeParseError, CodeRoundTrip, CodeUnsupportedCommand, CodeUnsupportedFunc,
	CodeUnsupported, CodeRefused, CodeCompileError, CodeInternalError,
}

// Codes returns every code a finding of Check may have, in a fixed order.
func Codes() []string {
	out := make([]string, len(checkCodes))
	for i, c := range checkCodes {
		out[i] = string(c)
	}
	return out
}

// CodeDescription describes a finding code in one sentence; "" for an
// unknown code.
func CodeDescription(code string) string {
	return diag.Code(code).Description()
}

// Finding is one problem with one detection.
type Finding struct {
	File      string   // the detection's YAML file, as found under the content directory
	Detection string   // the detection's name; empty when the file could not be read
	ID        string   // the detection's id
	Severity  Severity // error, warning or note
	Stage     Stage
	Code      diag.Code // one of the Code constants
	Message   string    // lower-case, without position
	// Loc is where the problem sits: in File, or in the macro file when
	// the offending text comes from a macro's definition.
	Loc     macros.Location
	Macro   string      // stanza name of the macro whose text holds Loc; empty for the search itself
	Via     []MacroCall // the macro calls that led to Loc, outermost first
	Snippet string      // the offending line with a caret under the offending character (diag.Caret); may be empty
	// Subject is what a compile finding is about: the command name
	// ("stats") or the function ("strftime()"); empty otherwise.
	Subject string
}

// MacroCall is one macro call on the way to a Finding's location.
type MacroCall struct {
	Call string          // the call as written, without backticks: name or name(args)
	Loc  macros.Location // where the call was written
}

// String renders the finding on one line as
// "file:line:col: severity: message [code]".
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.Loc.String())
	b.WriteString(": ")
	b.WriteString(string(f.Severity))
	b.WriteString(": ")
	b.WriteString(f.Message)
	b.WriteString(" [")
	b.WriteString(string(f.Code))
	b.WriteString("]")
	return b.String()
}

// viaCalls converts a macro call chain to MacroCalls.
func viaCalls(via []macros.Call) []MacroCall {
	if len(via) == 0 {
		return nil
	}
	out := make([]MacroCall, len(via))
	for i, c := range via {
		out[i] = MacroCall{Call: query.CallText(c), Loc: c.Loc}
	}
	return out
}
