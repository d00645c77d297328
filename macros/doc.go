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
// Macro names in messages and in [Origin.Macro] and [Error.Macro] use the
// macros.conf stanza form: `name` for a macro without arguments, `name(N)`
// for one with N arguments.
package macros
