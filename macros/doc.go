// Package macros loads Splunk search macros and expands backtick macro calls
// in search text, keeping a source map from every byte of the expanded search
// back to where it was written.
//
// Splunk expands macros textually before it parses a search, so this package
// works on text only. A typical use:
//
//	lib := macros.NewLibrary()
//	if err := lib.LoadDir("security_content/macros"); err != nil { ... }
//	x, err := lib.Expand(search, macros.Location{File: "x.yml", Line: 13, Col: 10}, macros.Options{})
//	... parse x.Text; on a parse error at byte p, x.Origin(p) says where p was written.
//
// # Semantics
//
// Definitions follow macros.conf and the security_content YAML that generates
// it: macros are keyed by name and arity (`foo`, `foo(1)` and `foo(2)` are
// three different macros), arguments are written `$name$` in the definition
// and replaced everywhere, including inside quoted strings.
//
// Calls are `name` or `name(a, b)` between single backticks. The scanner
// skips double-quoted strings (backslash escapes honoured), so
// search msg="a`m`b" is left alone, and it leaves triple-backtick SPL
// comments (```like this```) untouched. Outside strings a backslash escapes
// the next byte, so \` is not a call ([U]: not documented by Splunk).
//
// Whitespace just inside the backticks is ignored. Arguments are split on commas that are outside double quotes and outside
// nested parentheses; surrounding whitespace is trimmed; `foo()` has no
// arguments. Arguments are passed as written, quotes included: Splunk's
// documentation does not say that quotes are removed, and security_content
// relies on textual pass-through (decision, [U]). The built-in macros are the
// exception: they strip one pair of enclosing double quotes, so that
// drop_dm_object_name("Processes") behaves like drop_dm_object_name(Processes),
// as the CIM app's macro does in practice. The named form
// `iis_search(fragment=TM)` is recognised when every argument is
// `argname=value` and the names are exactly the macro's argument names.
//
// The expansion of a macro is expanded again (nested macros). Each
// definition is scanned on its own, so a definition with an unbalanced quote
// does not change how the text around its call is scanned ([I]). A macro that
// is reached again while it is being expanded is a cycle and an error.
// Options limit the nesting depth, the number of expansions and the size of
// the expanded text, so hostile input fails fast.
//
// Built-ins (security_content does not ship them): drop_dm_object_name(1)
// with definition `rename $object$.* AS *`, and, for any name ending in
// `_filter` that has no 0-argument definition, `search *`. Loaded or added
// definitions replace built-ins.
//
// # Files
//
// [Library.LoadDir] loads *.yml, *.yaml (security_content) and *.conf
// (Splunk macros.conf) files; [Library.LoadFile] picks the format from the
// name (.conf) or, for other names, from the content (a first significant
// line that opens a [stanza]). macros.conf details (comments, [default],
// backslash continuations, args/iseval/validation/errormsg/description) are
// documented in conf.go. Every definition byte keeps its file:line:col in
// both formats.
//
// # Eval-based macros and validation
//
// macros.conf `iseval = true` makes the definition an eval expression whose
// string value is the expansion, and `validation` an eval expression that
// checks the arguments. This package has no evaluator: [Options.EvalString]
// and [Options.Validate] supply one; without them such calls are errors at
// the call ("iseval macros need an evaluator", "macro validation needs an
// evaluator"). Arguments are substituted ($arg$) before evaluation, as
// Splunk does; the value of an iseval macro is expanded again and maps in
// the source map to the start of its definition.
//
// # App macros
//
// Some detections call macros that ship with Splunk apps (Enterprise
// Security's get_asset(1), the CIM app's cim_corporate_web_domain_search(1),
// URL Toolbox's ut_* macros; see [KnownAppMacros]). When the library does
// not define one, the error names the app and suggests --macros; with
// [Options.AppMacros] the call expands instead to an [AppMacroPlaceholder]
// (a command after '|', a search term elsewhere, so the search still
// parses) and the [Expansion] records a [Warning]. An evaluator should
// refuse the placeholder rather than treat it as a no-op.
//
// # Source maps
//
// [Library.Expand] counts lines from one start Location; for text whose
// bytes are laid out otherwise (folded or quoted multi-line YAML scalars)
// use [Library.ExpandFunc] with [YAMLLocator].
//
// Macro names in messages and in [Origin.Macro] and [Error.Macro] use the
// macros.conf stanza form: `name` for a macro without arguments, `name(N)`
// for one with N arguments.
package macros
