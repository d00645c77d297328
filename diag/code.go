package diag

// Code is a stable identifier of a kind of problem, "spl_" and a snake
// case name. Tools key on the strings: a code is never renamed or removed,
// only added.
type Code string

// Class groups codes by whose fault a problem is.
type Class string

// The classes.
const (
	// ClassInvalid: the search or the content is wrong; Splunk would
	// reject it too (syntax error, unknown macro, unknown function).
	ClassInvalid Class = "invalid"
	// ClassUnsupported: valid SPL that spelunk cannot run yet.
	ClassUnsupported Class = "unsupported"
	// ClassRefused: valid SPL that cannot run locally by design (saved
	// searches on a server, ML models, sending mail, running scripts).
	ClassRefused Class = "refused"
	// ClassLimit: a configured limit was exceeded (rows, cells, value
	// size, query length, macro depth or size).
	ClassLimit Class = "limit"
	// ClassIO: a file could not be read or written.
	ClassIO Class = "io"
	// ClassInternal: a bug in spelunk.
	ClassInternal Class = "internal"
)

// The codes. The comment of each is its one-sentence description.
const (
	CodeYAMLError          Code = "spl_yaml_error"           // the detection file is not valid YAML or not a mapping
	CodeMissingSearch      Code = "spl_missing_search"       // no search: field
	CodeMissingField       Code = "spl_missing_field"        // no name: or id: field
	CodeUnknownMacro       Code = "spl_unknown_macro"        // a macro no loaded file defines
	CodeAppMacro           Code = "spl_app_macro"            // a call to a macro a Splunk app ships, checked with a placeholder
	CodeMacroArity         Code = "spl_macro_arity"          // a macro called with a number of arguments it is not defined with
	CodeMacroCycle         Code = "spl_macro_cycle"          // a macro expanding into itself
	CodeMacroSyntax        Code = "spl_macro_syntax"         // a malformed call: unterminated backtick, bad arguments
	CodeMacroLimit         Code = "spl_macro_limit"          // expansion too deep, too large or too many calls
	CodeMacroError         Code = "spl_macro_error"          // invalid arguments, an iseval or validation failure
	CodeParseError         Code = "spl_parse_error"          // the expanded search does not parse
	CodeRoundTrip          Code = "spl_roundtrip"            // printing the tree and parsing it back gives another tree
	CodeUnsupportedCommand Code = "spl_unsupported_command"  // a command spelunk cannot run yet
	CodeUnsupportedFunc    Code = "spl_unsupported_function" // a function spelunk cannot run yet
	CodeUnsupported        Code = "spl_unsupported"          // another option or form spelunk cannot run yet
	CodeRefused            Code = "spl_refused"              // cannot run locally by design
	CodeCompileError       Code = "spl_compile_error"        // the search is wrong: unknown function, bad arity, ...
	CodeInternalError      Code = "spl_internal_error"       // spelunk crashed (a spelunk bug)
	CodeMacroDefinition    Code = "spl_macro_definition"     // a macro file or stanza is malformed
	CodeReadError          Code = "spl_read_error"           // a file or directory cannot be read
	CodeRuntimeError       Code = "spl_runtime_error"        // the search failed while running
	CodeLimitExceeded      Code = "spl_limit_exceeded"       // the search exceeded a limit: rows, cells, value size, query length, memory
)

// Info describes one code: its class, a one-sentence description, what
// raises it and an example message.
type Info struct {
	Code     Code
	Class    Class
	Desc     string // one sentence
	RaisedBy string // the package or step that reports it
	Example  string // a typical message
}

// table lists every code, in a fixed order (the first eighteen in the
// order SARIF rules have always been written). Never mutated.
var table = [...]Info{
	{CodeYAMLError, ClassInvalid, "The detection file is not valid YAML.",
		"detections (loading a detection)", "invalid YAML: did not find expected key"},
	{CodeMissingSearch, ClassInvalid, "The detection has no search field.",
		"detections (loading a detection)", "the detection has no search"},
	{CodeMissingField, ClassInvalid, "The detection has no name or id field.",
		"detections (loading a detection)", "the detection has no id (contentctl requires name, id and search)"},
	{CodeUnknownMacro, ClassInvalid, "The search calls a macro that no loaded macro file defines.",
		"macros (expansion)", "unknown macro `foo_bar` (0 arguments)"},
	{CodeAppMacro, ClassUnsupported, "The search calls a macro that a Splunk app defines, not security_content; give it with --macros.",
		"macros (expansion with app macro placeholders)", "macro `get_asset(1)` ships with Splunk Enterprise Security (app SA-IdentityManagement), not with security_content; define it with --macros FILE"},
	{CodeMacroArity, ClassInvalid, "A macro is called with a number of arguments it is not defined with.",
		"macros (expansion)", "wrong number of arguments to macro `ctime_fmt`: called with 2, defined with 1 argument"},
	{CodeMacroCycle, ClassInvalid, "A macro expands into itself.",
		"macros (expansion)", "macro cycle: `a` → `b` → `a`"},
	{CodeMacroSyntax, ClassInvalid, "A macro call is malformed.",
		"macros (expansion)", "unterminated macro call"},
	{CodeMacroLimit, ClassLimit, "Macro expansion exceeds a limit (depth, size or number of calls).",
		"macros (expansion)", "macros nested too deeply (more than 50 levels)"},
	{CodeMacroError, ClassInvalid, "Expanding a macro failed: invalid arguments, an eval-based macro or validation failed.",
		"macros (expansion: iseval, validation)", "invalid arguments to macro `m(1)`: validation failed"},
	{CodeParseError, ClassInvalid, "The expanded search is not valid SPL.",
		"parser", "tstats: unexpected \"frm\": expected an aggregate such as count or max(field), or from, where, by"},
	{CodeRoundTrip, ClassInternal, "spelunk prints the parsed search as text that parses differently (a spelunk bug).",
		"detections (check round trip)", "spelunk prints this command as `frobnicate x | y`, which parses back as a different tree"},
	{CodeUnsupportedCommand, ClassUnsupported, "The search uses a command spelunk cannot run yet.",
		"eval (compile)", "command \"localize\" is not supported yet"},
	{CodeUnsupportedFunc, ClassUnsupported, "The search uses a function spelunk cannot run yet.",
		"eval (compile)", "eval function frob() is not supported yet"},
	{CodeUnsupported, ClassUnsupported, "The search uses an option or form spelunk cannot run yet.",
		"eval (compile)", "transaction mvlist=<field list> is not supported yet"},
	{CodeRefused, ClassRefused, "The search cannot run locally by design.",
		"eval (compile)", "command \"sendemail\" is refused: not supported locally: it sends email"},
	{CodeCompileError, ClassInvalid, "The search is invalid: unknown function, wrong arity, bad argument.",
		"eval (compile)", "unknown function frob()"},
	{CodeInternalError, ClassInternal, "spelunk failed compiling the search (a spelunk bug; please report it).",
		"detections (check, a recovered crash of eval)", "spelunk failed compiling this search: internal error: ..."},
	{CodeMacroDefinition, ClassInvalid, "A macro file or macro stanza is malformed.",
		"macros (loading macro files)", "macro stanza [m(1)] takes 1 argument but has no args setting"},
	{CodeReadError, ClassIO, "A file or directory cannot be read.",
		"macros (loading macro files), eval (opening the GeoIP database)", "cannot read macro file: permission denied"},
	{CodeRuntimeError, ClassInvalid, "The search failed while running.",
		"eval (run)", "lookup users has no field \"uid\" (its fields: user, group)"},
	{CodeLimitExceeded, ClassLimit, "The search exceeded a configured limit: rows, cells (rows × columns), a value's bytes, a multivalue's values, the query's length, or memory (docs/limits.md).",
		"eval (run), parser, query (memory)", "stats produced more than the limit of 1000000 rows"},
}

// Codes returns every code, in a fixed order.
func Codes() []Code {
	out := make([]Code, len(table))
	for i, c := range table {
		out[i] = c.Code
	}
	return out
}

// Lookup returns what is known about code c; ok is false for an unknown
// code.
func Lookup(c Code) (Info, bool) {
	for _, in := range table {
		if in.Code == c {
			return in, true
		}
	}
	return Info{}, false
}

// Class returns the class of c; ClassInvalid for an unknown or empty code
// (an error nobody classified is taken to be the input's fault).
func (c Code) Class() Class {
	if in, ok := Lookup(c); ok {
		return in.Class
	}
	return ClassInvalid
}

// Description describes c in one sentence; "" for an unknown code.
func (c Code) Description() string {
	in, _ := Lookup(c)
	return in.Desc
}
