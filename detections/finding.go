package detections

import (
	"strings"

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

// The stable finding codes. Tools (SARIF rules, CI filters) key on them;
// never rename one, only add.
const (
	CodeYAMLError          = "spl_yaml_error"          // the detection file is not valid YAML or not a mapping
	CodeMissingSearch      = "spl_missing_search"      // no search: field
	CodeMissingField       = "spl_missing_field"       // no name: or id: field
	CodeUnknownMacro       = "spl_unknown_macro"       // a macro no loaded file defines
	CodeAppMacro           = "spl_app_macro"           // a call to a macro a Splunk app (ES, CIM, ...) ships, not security_content; checked with a placeholder
	CodeMacroArity         = "spl_macro_arity"         // a macro called with a number of arguments it is not defined with
	CodeMacroCycle         = "spl_macro_cycle"         // a macro expanding into itself
	CodeMacroSyntax        = "spl_macro_syntax"        // a malformed call: unterminated backtick, bad arguments
	CodeMacroLimit         = "spl_macro_limit"         // expansion too deep, too large or too many calls
	CodeMacroError         = "spl_macro_error"         // another expansion failure: invalid arguments, an iseval or validation failure
	CodeParseError         = "spl_parse_error"         // the expanded search does not parse
	CodeRoundTrip          = "spl_roundtrip"           // printing the tree and parsing it back gives another tree (a spelunk bug)
	CodeUnsupportedCommand = "spl_unsupported_command" // a command spelunk cannot run yet
	CodeUnsupportedFunc    = "spl_unsupported_function"
	CodeUnsupported        = "spl_unsupported"    // another option or form spelunk cannot run yet
	CodeRefused            = "spl_refused"        // cannot run locally by design (ML models, mail, scripts, ...)
	CodeCompileError       = "spl_compile_error"  // the search is wrong: unknown function, bad arity, ...
	CodeInternalError      = "spl_internal_error" // spelunk crashed compiling the search (a spelunk bug)
)

// codeTable lists every code with a one-sentence description, in the order
// SARIF rules are written. Never mutated.
var codeTable = [...]struct{ code, desc string }{
	{CodeYAMLError, "The detection file is not valid YAML."},
	{CodeMissingSearch, "The detection has no search field."},
	{CodeMissingField, "The detection has no name or id field."},
	{CodeUnknownMacro, "The search calls a macro that no loaded macro file defines."},
	{CodeAppMacro, "The search calls a macro that a Splunk app defines, not security_content; give it with --macros."},
	{CodeMacroArity, "A macro is called with a number of arguments it is not defined with."},
	{CodeMacroCycle, "A macro expands into itself."},
	{CodeMacroSyntax, "A macro call is malformed."},
	{CodeMacroLimit, "Macro expansion exceeds a limit (depth, size or number of calls)."},
	{CodeMacroError, "Expanding a macro failed: invalid arguments, an eval-based macro or validation failed."},
	{CodeParseError, "The expanded search is not valid SPL."},
	{CodeRoundTrip, "spelunk prints the parsed search as text that parses differently (a spelunk bug)."},
	{CodeUnsupportedCommand, "The search uses a command spelunk cannot run yet."},
	{CodeUnsupportedFunc, "The search uses a function spelunk cannot run yet."},
	{CodeUnsupported, "The search uses an option or form spelunk cannot run yet."},
	{CodeRefused, "The search cannot run locally by design."},
	{CodeCompileError, "The search is invalid: unknown function, wrong arity, bad argument."},
	{CodeInternalError, "spelunk failed compiling the search (a spelunk bug; please report it)."},
}

// Codes returns every finding code, in a fixed order.
func Codes() []string {
	out := make([]string, len(codeTable))
	for i, c := range codeTable {
		out[i] = c.code
	}
	return out
}

// CodeDescription describes a finding code in one sentence; "" for an
// unknown code.
func CodeDescription(code string) string {
	for _, c := range codeTable {
		if c.code == code {
			return c.desc
		}
	}
	return ""
}

// Finding is one problem with one detection.
type Finding struct {
	File      string   // the detection's YAML file, as found under the content directory
	Detection string   // the detection's name; empty when the file could not be read
	ID        string   // the detection's id
	Severity  Severity // error, warning or note
	Stage     Stage
	Code      string // one of the Code constants
	Message   string // lower-case, without position
	// Loc is where the problem sits: in File, or in the macro file when
	// the offending text comes from a macro's definition.
	Loc     macros.Location
	Macro   string      // stanza name of the macro whose text holds Loc; empty for the search itself
	Via     []MacroCall // the macro calls that led to Loc, outermost first
	Snippet string      // the expanded search line with a caret under the offending byte; may be empty
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
	b.WriteString(f.Code)
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
