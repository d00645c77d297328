// Package eval compiles a parsed SPL search (*ast.Query) into a Program and
// runs it, giving the rows Splunk would give.
//
// Entry points: Compile, then Program.Exec over an Input: in-memory
// data-model tables (cim.Tables, for tstats) and raw events (for a search
// starting with `search ...` or a streaming command such as eval), as
// Records, as an EventSource read on demand, or as rows Prepared while the
// events were read (event_prepared.go). Most callers use package query,
// which compiles through macro expansion and loads the data. Result.Records
// turns rows back into records.
//
// Each command compiles to one stage, in its own file (cmd_*.go). The
// command registry (commands.go, commands_table.go) holds one entry per
// command name: its compile function, where it may stand, the raw-event
// columns it reads, or why it is refused; LookupCommand and Commands show
// it to other packages, and docs/adding-a-command.md says how to add one.
// The first stage generates rows: tstats scans a columnar cim.Table,
// evaluating each where-clause comparison once per distinct dictionary
// value of its column and combining the answers as row bitmaps, then
// groups the surviving rows by the by-fields' dictionary codes; strings are
// materialised only for the output rows. Later stages pass a row set
// (row.go): field names in order of first appearance and rows aligned with
// them, a null Value where a row lacks a field.
//
// Values (value.go, value_ops.go) follow Splunk's model: null, string,
// number, multivalue; booleans exist only inside expressions. Expressions
// (expr.go) compile to closures over field slots bound once per stage run;
// functions (fn_table.go, fn_*.go) are listed in one signature table
// checked at compile time; aggregates of the stats family live in agg.go.
// Search syntax (the search command, tstats' where clause, the event
// prefilter) is compiled and matched in search_*.go.
//
// File names say the family: cmd_*.go commands, fn_*.go functions,
// stats_*.go and agg*.go aggregation, tstats_*.go the columnar scan,
// search_*.go search syntax, value*.go values, row*.go row sets, event_*.go
// raw events, lookup_*.go lookup tables, time_span.go the spans of bin,
// timechart and tstats. Commands whose arguments are options and words
// share one node, ast.SimpleCommand (cmd_simple.go). Pieces that never touch the
// engine live in internal packages: time formats (timefmt), PCRE (pcre),
// JSON and XML trees (jsontree, xmltree), wildcard, search-value and LIKE
// matching (glob). Package geoip provides the GeoLocator for iplocation.
//
// Errors are *Error (or ErrorList) with a Span and a stable diag.Code set
// where the error is raised (spl_unsupported_command, spl_refused,
// spl_compile_error, ...; docs/errors.md lists them). Its Class is
// "invalid" (the search is wrong), "unsupported" (spelunk will do it
// later), "refused" (cannot run locally by design) or "limit" (too many
// rows).
//
// Semantics follow spl_semantics.md; decisions the Splunk documentation
// does not settle are marked [U] (unconfirmed) or [I] (inferred) where they
// are made in the code, and listed in testdata/conformance/README.md with
// the conformance suite that pins them.
//
// Example:
//
//	q, _ := parser.Parse(`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.* AS *`)
//	prog, err := eval.Compile(q, eval.Options{})
//	...
//	res, err := prog.Exec(ctx, eval.Input{Tables: cim.Tables{"Endpoint.Processes": table}})
package eval
